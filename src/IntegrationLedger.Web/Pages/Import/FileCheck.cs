using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Web.Pages.Import;

/// <summary>
/// What checking or importing one file of the uploads found (an uploaded file, or one member of an uploaded
/// zip of a download): its line of the run, in the command line's words, and which upload it came from.
/// A file's problem never stops the others.
/// </summary>
public sealed record FileCheck(ImportSetLine Line)
{
    /// <summary>The upload the file is, or is in; null for an upload that was no longer on the server.</summary>
    public Guid? UploadId { get; init; }

    /// <summary>Every rejected row, as a CSV to download, when there are more than the page shows.</summary>
    public Guid? ErrorsId { get; init; }

    /// <summary>As the run names it: "logins.csv", or "download.zip, member 2026-11-01/API.csv".</summary>
    public string FileName => Line.Name;

    /// <summary>The member of an uploaded zip of a download, or null for an uploaded file read whole.</summary>
    public string? Member => Line.Entry?.Member;

    public ImportOutcome? Outcome => Line.Outcome;

    public string? Problem => Line.Problem;

    /// <summary>Refused only because its times carry no zone: read with one, the same upload may pass.</summary>
    public bool NeedsTimeZone => Line.NeedsTimeZone;

    /// <summary>Imported, set aside or stood in for by another with the same text (or, in a check, would be): the commit takes it.</summary>
    public bool Passed => Line.Status != ImportSetStatus.Refused;

    /// <summary>Its rows go into the ledger (or are set aside there) at the commit: neither refused nor the same as another.</summary>
    public bool Taken => Line.Status is ImportSetStatus.Imported or ImportSetStatus.SetAside;

    public ImportSummary? Summary => Outcome is null ? null : ImportSummary.Of(Outcome);
}
