/// Exit codes scripts can rely on (sysexits.h where one fits).
enum ExitCode: Int32 {
    case success = 0
    /// The command did not succeed for a reason reported on stderr (e.g. a refused input).
    case failure = 1
    /// The command was called wrongly (EX_USAGE).
    case usage = 64
    /// Input data was invalid (EX_DATAERR).
    case dataError = 65
    /// The database could not be opened or reached (EX_UNAVAILABLE).
    case unavailable = 69
    /// The database schema is not what this build expects (EX_CONFIG).
    case configuration = 78
}
