using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Web.Pages.Import;

/// <summary>What a dry run or an import of an uploaded file found, whether it was a platform export or an inventory template.</summary>
public sealed record ImportCheck(
    string FileName,
    string Format,
    long Read,
    long Accepted,
    long Rejected,
    IReadOnlyList<RowError> Errors,
    long ErrorCount,
    bool Committed);
