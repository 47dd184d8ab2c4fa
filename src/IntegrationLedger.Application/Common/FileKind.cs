namespace IntegrationLedger.Application.Common;

/// <summary>What a path names on the file system: the ledger reads and replaces regular files only.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}
