using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Web.Pages.Import;

/// <summary>
/// What checking or importing one uploaded file found: its outcome in the command line's words, or the
/// one problem that stopped it being read at all. A file's problem never stops the others.
/// </summary>
public sealed record FileCheck(string FileName, ImportOutcome? Outcome, string? Problem)
{
    /// <summary>The upload, kept for the commit: set only for a file whose check found nothing wrong.</summary>
    public Guid? UploadId { get; init; }

    /// <summary>The upload, kept to be checked again: set only for a file refused for want of a time zone.</summary>
    public Guid? WaitingUploadId { get; init; }

    /// <summary>Refused only because its times carry no zone: read with one, the same upload may pass.</summary>
    public bool NeedsTimeZone { get; init; }

    /// <summary>Every rejected row, as a CSV to download, when there are more than the page shows.</summary>
    public Guid? ErrorsId { get; init; }

    public ImportSummary? Summary => Outcome is null ? null : ImportSummary.Of(Outcome);

    /// <summary>Read whole and without a bad row: the commit may import it.</summary>
    public bool Passed => Outcome is { RejectedRows: 0 };

    public static FileCheck Refused(string fileName, string problem) => new(fileName, null, problem);
}
