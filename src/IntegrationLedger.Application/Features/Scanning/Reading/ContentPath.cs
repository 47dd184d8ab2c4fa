using System.Collections.Immutable;
using IntegrationLedger.Application.Common.FileTrees;

namespace IntegrationLedger.Application.Features.Scanning.Reading;

public enum ArchiveFormat
{
    Zip,
    Tar,
    Gzip,
}

/// <summary>One step into an archive: its format, and for a zip or tar the member's position and name.</summary>
internal readonly record struct ArchiveStep(ArchiveFormat Format, int Entry, string? Member);

/// <summary>
/// Where some content is: a file, or a member inside archives inside it. It is shown as the file's path
/// with <c>!member</c> for each zip or tar member; gzip only compresses, so it adds no step to what is shown
/// (<c>backup.tar.gz!etc/app.env</c>, <c>app.env.gz</c>). The steps let the content be opened again.
/// </summary>
internal sealed record ContentPath(string File, string FullPath, ImmutableList<ArchiveStep> Steps)
{
    public const char MemberSeparator = '!';

    public static ContentPath Of(FileTarget file) => new(file.Path, file.FullPath, []);

    public ContentPath Into(ArchiveStep step) => this with { Steps = Steps.Add(step) };

    public int Depth => Steps.Count;

    /// <summary>The members inside archives, outermost first, joined as shown; null for a plain file.</summary>
    public string? Member => Steps.Any(s => s.Member is not null) ? string.Join(MemberSeparator, Steps.Where(s => s.Member is not null).Select(s => s.Member)) : null;

    public override string ToString() => Member is { } member ? File + MemberSeparator + member : File;
}
