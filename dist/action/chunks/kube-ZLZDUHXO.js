import { createRequire as __runnableCreateRequire } from 'node:module';
import { fileURLToPath as __runnableFileURLToPath } from 'node:url';
import { dirname as __runnableDirname } from 'node:path';
const require = __runnableCreateRequire(import.meta.url);
const __filename = __runnableFileURLToPath(import.meta.url);
const __dirname = __runnableDirname(__filename);
import{a,b,c,d,e}from"./chunk-HF6ILA2J.js";import"./chunk-BI2GGVE7.js";import"./chunk-UGJAFR4V.js";export{a as ARGO_GROUP,b as ARGO_VERSION,e as briefly,c as connect,d as statusOf};
