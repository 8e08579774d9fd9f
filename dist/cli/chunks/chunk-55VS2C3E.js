#!/usr/bin/env node
import { createRequire as __runnableCreateRequire } from 'node:module';
import { fileURLToPath as __runnableFileURLToPath } from 'node:url';
import { dirname as __runnableDirname } from 'node:path';
const require = __runnableCreateRequire(import.meta.url);
const __filename = __runnableFileURLToPath(import.meta.url);
const __dirname = __runnableDirname(__filename);
import{a as t}from"./chunk-PQZGRTLL.js";var i={success:0,runFailed:1,invalidInput:2,infrastructure:3,sigint:130,sigterm:143},o=class extends Error{static{t(this,"RunnableError")}};function p(e){let n=e.location?`${e.location.file}:${e.location.line}:${e.location.col}: `:"",s=e.step?`step "${e.step}": `:"",r=e.fix?` Fix: ${e.fix}`:"";return`${n}${s}${e.message}${r}`}t(p,"formatIssue");var a=class extends o{constructor(s,r){super(r.map(p).join(`
`));this.kind=s;this.issues=r;this.name="InvalidInputError"}kind;issues;static{t(this,"InvalidInputError")}exitCode=i.invalidInput};var c=class extends o{constructor(s,r,l){super(r,l);this.kind=s;this.name="InfrastructureError"}kind;static{t(this,"InfrastructureError")}exitCode=i.infrastructure},d=class extends o{constructor(s){super(`the run was cancelled by ${s}`);this.signal=s;this.name="CancelledError",this.exitCode=s==="SIGINT"?i.sigint:i.sigterm}signal;static{t(this,"CancelledError")}kind="cancelled";exitCode},u=class extends Error{static{t(this,"StepError")}constructor(n){super(n),this.name="StepError"}};export{i as a,o as b,p as c,a as d,c as e,d as f,u as g};
