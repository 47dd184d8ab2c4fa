using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Domain.Access;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>
/// A change of an account's access that an export of the period recorded, or an account the period's exports
/// showed for the first time (the Access changes sheet).
/// </summary>
internal sealed record AccessChangeRow(DateTime AsOf, string Account, AccessFacet Facet, string Changed, string? File, bool GainedPowerful)
{
    public const string FirstSeen = "first seen";

    /// <summary>A powerful permission gained is what an auditor asks about first.</summary>
    public static SheetLayout<AccessChangeRow> Layout { get; } = new("Access changes", "AccessChanges",
    [
        new("As of (UTC)", r => r.AsOf), new("Account", r => r.Account), new("Export", r => Export(r.Facet)), new("What changed", r => r.Changed),
        new("File", r => r.File),
    ], r => r.GainedPowerful ? RowMark.Alert : RowMark.None);

    /// <summary>
    /// The period's changes of every account, oldest first: the snapshots as of a moment in the period that recorded a
    /// change, and for an account whose earliest snapshot is of the period, that snapshot as its first sighting.
    /// </summary>
    public static IEnumerable<AccessChangeRow> Of(ReplayedAccount account, DateTime start)
    {
        var username = account.Summary.Username;
        var snapshots = account.Snapshots;
        if (snapshots.Count > 0 && snapshots[0].AsOf >= start)
            yield return new AccessChangeRow(snapshots[0].AsOf, username, snapshots[0].Facet, FirstSeen, snapshots[0].File, false);
        for (var i = 0; i < snapshots.Count; i++)
        {
            var snapshot = snapshots[i];
            if (snapshot.AsOf < start || snapshot.Changes is null)
                continue;
            var previous = snapshots.Take(i).LastOrDefault(s => s.Facet == snapshot.Facet);
            yield return new AccessChangeRow(snapshot.AsOf, username, snapshot.Facet, snapshot.Changes, snapshot.File, previous is not null && GainsPowerful(previous, snapshot));
        }
    }

    private static bool GainsPowerful(ReplayedSnapshot previous, ReplayedSnapshot snapshot) =>
        AccessChanges.Between(previous.Snapshot, snapshot.Snapshot).Any(c => c.Kind == AccessChangeKind.PermissionGained && (c.Permission & PermissionFields.Powerful) != 0);

    /// <summary>The Salesforce object each kind of export lists, and what it tells.</summary>
    private static string Export(AccessFacet facet) => facet switch
    {
        AccessFacet.User => "User (user details)",
        AccessFacet.PermissionSets => "PermissionSetAssignment (permission sets)",
        AccessFacet.Mfa => "TwoFactorMethodsInfo (verification methods)",
        _ => "UserLogin (login state)",
    };
}
