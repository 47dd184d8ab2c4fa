using System.Runtime.InteropServices;

namespace IntegrationLedger.Application.Common;

/// <summary>
/// Tells a regular file from a device, a FIFO or a socket without opening it: opening a FIFO waits for a
/// writer, and reading a device such as <c>/dev/zero</c> never ends. .NET's file APIs report all of these
/// as plain files, so on Linux the type comes from <c>statx(2)</c>, whose buffer has the same layout on
/// every architecture. Elsewhere only folders and links are told apart, and anything else counts as regular.
/// </summary>
public static partial class FileKinds
{
    /// <summary>The kind of what <paramref name="path"/> names; <paramref name="followLinks"/> false looks at a link itself.</summary>
    public static FileKind Of(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux() && FromStatx(path, followLinks) is { } kind)
            return kind;
        var info = new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null)
            return FileKind.SymbolicLink;
        return Directory.Exists(path) ? FileKind.Directory : info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>The kind as a sentence names it: "a FIFO (named pipe)".</summary>
    public static string Describe(this FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        _ => "missing",
    };

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxSize = 256;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    /// <summary>The kind from <c>statx</c>; null when the call is not there or fails for another reason than a missing path.</summary>
    private static FileKind? FromStatx(string path, bool followLinks)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, ref MemoryMarshal.GetReference(buffer));
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        if (result != 0)
            return Marshal.GetLastPInvokeError() is NoSuchFile or NotADirectory ? FileKind.Missing : null;
        var mode = BitConverter.ToUInt16(buffer[StatxModeOffset..]);
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => null,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
