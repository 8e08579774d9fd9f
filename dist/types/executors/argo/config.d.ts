import * as z from '../../util/zod.js';
declare const retryStrategy: import("zod/mini").ZodMiniObject<{
    back_off: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        factor: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
        max_duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    }, import("zod/v4/core").$strict>>;
    limit: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
    retry_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
        Always: "Always";
        OnFailure: "OnFailure";
        OnError: "OnError";
        OnTransientError: "OnTransientError";
    }>>;
}, import("zod/v4/core").$strict>;
declare const toleration: import("zod/mini").ZodMiniObject<{
    effect: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
        NoSchedule: "NoSchedule";
        PreferNoSchedule: "PreferNoSchedule";
        NoExecute: "NoExecute";
    }>>;
    key: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    operator: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
        Equal: "Equal";
        Exists: "Exists";
    }>>;
    toleration_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
    value: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
}, import("zod/v4/core").$strict>;
declare const envVar: import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniObject<{
    name: import("zod/mini").ZodMiniString<string>;
    value: import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>;
}, import("zod/v4/core").$strict>, import("zod/mini").ZodMiniObject<{
    environment_variable: import("zod/mini").ZodMiniString<string>;
    secret_name: import("zod/mini").ZodMiniString<string>;
    secret_key: import("zod/mini").ZodMiniString<string>;
}, import("zod/v4/core").$strict>]>;
declare const resources: import("zod/mini").ZodMiniObject<{
    limits: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
        cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
        gpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
    }, import("zod/v4/core").$strict>>;
    requests: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
        cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
    }, import("zod/v4/core").$strict>>;
}, import("zod/v4/core").$strict>;
export declare const podOverrideSchema: import("zod/mini").ZodMiniObject<{
    image: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    active_deadline_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
    fail_fast: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
    node_selector: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
    parallelism: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
    retry_strategy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        back_off: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            factor: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
            max_duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        }, import("zod/v4/core").$strict>>;
        limit: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        retry_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            Always: "Always";
            OnFailure: "OnFailure";
            OnError: "OnError";
            OnTransientError: "OnTransientError";
        }>>;
    }, import("zod/v4/core").$strict>>;
    timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
    tolerations: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
        effect: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            NoSchedule: "NoSchedule";
            PreferNoSchedule: "PreferNoSchedule";
            NoExecute: "NoExecute";
        }>>;
        key: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        operator: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            Equal: "Equal";
            Exists: "Exists";
        }>>;
        toleration_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        value: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    }, import("zod/v4/core").$strict>>>;
    image_pull_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
        Always: "Always";
        IfNotPresent: "IfNotPresent";
        Never: "Never";
    }>>;
    resources: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        limits: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            gpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
        }, import("zod/v4/core").$strict>>;
        requests: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
        }, import("zod/v4/core").$strict>>;
    }, import("zod/v4/core").$strict>>;
    env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniObject<{
        name: import("zod/mini").ZodMiniString<string>;
        value: import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>;
    }, import("zod/v4/core").$strict>, import("zod/mini").ZodMiniObject<{
        environment_variable: import("zod/mini").ZodMiniString<string>;
        secret_name: import("zod/mini").ZodMiniString<string>;
        secret_key: import("zod/mini").ZodMiniString<string>;
    }, import("zod/v4/core").$strict>]>>>;
}, import("zod/v4/core").$strict>;
declare const shape: import("zod/mini").ZodMiniObject<{
    defaults: import("zod/mini").ZodMiniObject<{
        image: import("zod/mini").ZodMiniString<string>;
        active_deadline_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        fail_fast: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
        node_selector: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        parallelism: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        retry_strategy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            back_off: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
                factor: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
                max_duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            }, import("zod/v4/core").$strict>>;
            limit: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
            retry_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                Always: "Always";
                OnFailure: "OnFailure";
                OnError: "OnError";
                OnTransientError: "OnTransientError";
            }>>;
        }, import("zod/v4/core").$strict>>;
        timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
        tolerations: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
            effect: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                NoSchedule: "NoSchedule";
                PreferNoSchedule: "PreferNoSchedule";
                NoExecute: "NoExecute";
            }>>;
            key: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            operator: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                Equal: "Equal";
                Exists: "Exists";
            }>>;
            toleration_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
            value: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        }, import("zod/v4/core").$strict>>>;
        image_pull_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            Always: "Always";
            IfNotPresent: "IfNotPresent";
            Never: "Never";
        }>>;
        resources: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            limits: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                gpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            }, import("zod/v4/core").$strict>>;
            requests: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            }, import("zod/v4/core").$strict>>;
        }, import("zod/v4/core").$strict>>;
        env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniObject<{
            name: import("zod/mini").ZodMiniString<string>;
            value: import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>;
        }, import("zod/v4/core").$strict>, import("zod/mini").ZodMiniObject<{
            environment_variable: import("zod/mini").ZodMiniString<string>;
            secret_name: import("zod/mini").ZodMiniString<string>;
            secret_key: import("zod/mini").ZodMiniString<string>;
        }, import("zod/v4/core").$strict>]>>>;
    }, import("zod/v4/core").$strict>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        image: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        active_deadline_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        fail_fast: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
        node_selector: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        parallelism: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        retry_strategy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            back_off: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
                factor: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
                max_duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            }, import("zod/v4/core").$strict>>;
            limit: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
            retry_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                Always: "Always";
                OnFailure: "OnFailure";
                OnError: "OnError";
                OnTransientError: "OnTransientError";
            }>>;
        }, import("zod/v4/core").$strict>>;
        timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
        tolerations: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
            effect: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                NoSchedule: "NoSchedule";
                PreferNoSchedule: "PreferNoSchedule";
                NoExecute: "NoExecute";
            }>>;
            key: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            operator: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                Equal: "Equal";
                Exists: "Exists";
            }>>;
            toleration_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
            value: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        }, import("zod/v4/core").$strict>>>;
        image_pull_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            Always: "Always";
            IfNotPresent: "IfNotPresent";
            Never: "Never";
        }>>;
        resources: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            limits: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                gpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            }, import("zod/v4/core").$strict>>;
            requests: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            }, import("zod/v4/core").$strict>>;
        }, import("zod/v4/core").$strict>>;
        env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniObject<{
            name: import("zod/mini").ZodMiniString<string>;
            value: import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>;
        }, import("zod/v4/core").$strict>, import("zod/mini").ZodMiniObject<{
            environment_variable: import("zod/mini").ZodMiniString<string>;
            secret_name: import("zod/mini").ZodMiniString<string>;
            secret_key: import("zod/mini").ZodMiniString<string>;
        }, import("zod/v4/core").$strict>]>>>;
    }, import("zod/v4/core").$strict>>>;
    argoWorkflow: import("zod/mini").ZodMiniObject<{
        metadata: import("zod/mini").ZodMiniObject<{
            generateName: import("zod/mini").ZodMiniString<string>;
            annotations: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
            labels: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
            namespace: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
        }, import("zod/v4/core").$strict>;
        spec: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnknown>>;
    }, import("zod/v4/core").$strict>;
    pvc_for_runnable: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniLiteral<null>]>>;
    custom_volumes: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
        mount_path: import("zod/mini").ZodMiniString<string>;
        persistent_volume_claim: import("zod/mini").ZodMiniObject<{
            claim_name: import("zod/mini").ZodMiniString<string>;
            read_only: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
        }, import("zod/v4/core").$strict>;
    }, import("zod/v4/core").$strict>>>;
    expose_parameters_as_inputs: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    configmap_cache_name: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniLiteral<null>]>>;
    secret_from_k8s: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniLiteral<null>]>>;
    output_file: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    log_level: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniEnum<{
        WARNING: "WARNING";
        DEBUG: "DEBUG";
        INFO: "INFO";
        ERROR: "ERROR";
        CRITICAL: "CRITICAL";
        FATAL: "FATAL";
    }>>;
    mock: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    cron_schedule: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        schedules: import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>;
        timezone: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniLiteral<null>]>>;
    }, import("zod/v4/core").$strict>>;
    submit: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    wait: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    detach: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    kubeconfig: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    context: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    runnable_command: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
}, import("zod/v4/core").$strict>;
export declare const argoConfigSchema: import("zod/mini").ZodMiniPipe<import("zod/mini").ZodMiniTransform<unknown, unknown>, import("zod/mini").ZodMiniObject<{
    defaults: import("zod/mini").ZodMiniObject<{
        image: import("zod/mini").ZodMiniString<string>;
        active_deadline_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        fail_fast: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
        node_selector: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        parallelism: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        retry_strategy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            back_off: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
                factor: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
                max_duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            }, import("zod/v4/core").$strict>>;
            limit: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
            retry_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                Always: "Always";
                OnFailure: "OnFailure";
                OnError: "OnError";
                OnTransientError: "OnTransientError";
            }>>;
        }, import("zod/v4/core").$strict>>;
        timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
        tolerations: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
            effect: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                NoSchedule: "NoSchedule";
                PreferNoSchedule: "PreferNoSchedule";
                NoExecute: "NoExecute";
            }>>;
            key: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            operator: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                Equal: "Equal";
                Exists: "Exists";
            }>>;
            toleration_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
            value: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        }, import("zod/v4/core").$strict>>>;
        image_pull_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            Always: "Always";
            IfNotPresent: "IfNotPresent";
            Never: "Never";
        }>>;
        resources: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            limits: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                gpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            }, import("zod/v4/core").$strict>>;
            requests: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            }, import("zod/v4/core").$strict>>;
        }, import("zod/v4/core").$strict>>;
        env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniObject<{
            name: import("zod/mini").ZodMiniString<string>;
            value: import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>;
        }, import("zod/v4/core").$strict>, import("zod/mini").ZodMiniObject<{
            environment_variable: import("zod/mini").ZodMiniString<string>;
            secret_name: import("zod/mini").ZodMiniString<string>;
            secret_key: import("zod/mini").ZodMiniString<string>;
        }, import("zod/v4/core").$strict>]>>>;
    }, import("zod/v4/core").$strict>;
    overrides: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniObject<{
        image: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        active_deadline_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        fail_fast: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniBoolean<boolean>>;
        node_selector: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
        parallelism: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
        retry_strategy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            back_off: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
                factor: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniNumber<number>>;
                max_duration: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            }, import("zod/v4/core").$strict>>;
            limit: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
            retry_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                Always: "Always";
                OnFailure: "OnFailure";
                OnError: "OnError";
                OnTransientError: "OnTransientError";
            }>>;
        }, import("zod/v4/core").$strict>>;
        timeout: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>>;
        tolerations: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
            effect: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                NoSchedule: "NoSchedule";
                PreferNoSchedule: "PreferNoSchedule";
                NoExecute: "NoExecute";
            }>>;
            key: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
            operator: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
                Equal: "Equal";
                Exists: "Exists";
            }>>;
            toleration_seconds: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniInt>;
            value: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
        }, import("zod/v4/core").$strict>>>;
        image_pull_policy: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniEnum<{
            Always: "Always";
            IfNotPresent: "IfNotPresent";
            Never: "Never";
        }>>;
        resources: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
            limits: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                gpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            }, import("zod/v4/core").$strict>>;
            requests: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
                memory: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
                cpu: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>]>>;
            }, import("zod/v4/core").$strict>>;
        }, import("zod/v4/core").$strict>>;
        env: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniObject<{
            name: import("zod/mini").ZodMiniString<string>;
            value: import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniBoolean<boolean>]>;
        }, import("zod/v4/core").$strict>, import("zod/mini").ZodMiniObject<{
            environment_variable: import("zod/mini").ZodMiniString<string>;
            secret_name: import("zod/mini").ZodMiniString<string>;
            secret_key: import("zod/mini").ZodMiniString<string>;
        }, import("zod/v4/core").$strict>]>>>;
    }, import("zod/v4/core").$strict>>>;
    argoWorkflow: import("zod/mini").ZodMiniObject<{
        metadata: import("zod/mini").ZodMiniObject<{
            generateName: import("zod/mini").ZodMiniString<string>;
            annotations: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
            labels: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniString<string>>>;
            namespace: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
        }, import("zod/v4/core").$strict>;
        spec: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniRecord<import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniUnknown>>;
    }, import("zod/v4/core").$strict>;
    pvc_for_runnable: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniLiteral<null>]>>;
    custom_volumes: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniObject<{
        mount_path: import("zod/mini").ZodMiniString<string>;
        persistent_volume_claim: import("zod/mini").ZodMiniObject<{
            claim_name: import("zod/mini").ZodMiniString<string>;
            read_only: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
        }, import("zod/v4/core").$strict>;
    }, import("zod/v4/core").$strict>>>;
    expose_parameters_as_inputs: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    configmap_cache_name: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniLiteral<null>]>>;
    secret_from_k8s: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniLiteral<null>]>>;
    output_file: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniString<string>>;
    log_level: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniEnum<{
        WARNING: "WARNING";
        DEBUG: "DEBUG";
        INFO: "INFO";
        ERROR: "ERROR";
        CRITICAL: "CRITICAL";
        FATAL: "FATAL";
    }>>;
    mock: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    cron_schedule: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniObject<{
        schedules: import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>;
        timezone: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniString<string>, import("zod/mini").ZodMiniLiteral<null>]>>;
    }, import("zod/v4/core").$strict>>;
    submit: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    wait: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    detach: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniBoolean<boolean>>;
    kubeconfig: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    context: import("zod/mini").ZodMiniOptional<import("zod/mini").ZodMiniString<string>>;
    runnable_command: import("zod/mini").ZodMiniDefault<import("zod/mini").ZodMiniArray<import("zod/mini").ZodMiniString<string>>>;
}, import("zod/v4/core").$strict>>;
export type ArgoConfig = z.infer<typeof shape>;
export type PodOverride = z.infer<typeof podOverrideSchema>;
export type PodDefaults = ArgoConfig['defaults'];
export type EnvVarSetting = z.infer<typeof envVar>;
export type TolerationSetting = z.infer<typeof toleration>;
export type RetrySetting = z.infer<typeof retryStrategy>;
/** runnable's UserDefaults, for keys neither `defaults` nor an override set. */
export declare const RUNNABLE_DEFAULTS: {
    active_deadline_seconds: number;
    fail_fast: boolean;
    node_selector: Record<string, string>;
    retry_strategy: RetrySetting;
    image_pull_policy: "Always";
    resources: z.infer<typeof resources>;
    env: EnvVarSetting[];
};
/** The settings of one node: runnable's defaults, then `defaults`, then the node's override (shallow, key by key). */
export declare function podSettingsFor(config: ArgoConfig, override: PodOverride | undefined): {
    image?: string | undefined;
    active_deadline_seconds: number;
    fail_fast: boolean;
    node_selector: Record<string, string>;
    parallelism?: number | undefined;
    retry_strategy: RetrySetting;
    timeout?: string | number | undefined;
    tolerations?: {
        effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute" | undefined;
        key?: string | undefined;
        operator?: "Equal" | "Exists" | undefined;
        toleration_seconds?: number | undefined;
        value?: string | undefined;
    }[] | undefined;
    image_pull_policy: "Always" | "IfNotPresent" | "Never";
    resources: z.infer<typeof resources>;
    env: EnvVarSetting[];
} & {
    image: string;
};
export {};
