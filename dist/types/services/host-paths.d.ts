/** How a path is used, which decides how it is made reachable elsewhere. */
export type HostPathKind = 
/** A folder the service writes (run logs, the catalog): made if missing, shared read-write. */
'folder'
/** The user's data folder: shared read-write with the project's code when it exists; an image with the code baked in keeps its own. */
 | 'data-folder'
/** A file the service reads (a dotenv file): shared read-only when it exists. */
 | 'file';
/** One configuration key of a service that names a path on this machine. */
export interface HostPath {
    /** The key in the service's `config` (`log_folder`, `catalog_location`, `location`). */
    key: string;
    /** The absolute path on this machine. */
    path: string;
    kind: HostPathKind;
}
