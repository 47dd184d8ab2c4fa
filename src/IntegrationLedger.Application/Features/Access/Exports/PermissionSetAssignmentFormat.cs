using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Domain.Access;

namespace IntegrationLedger.Application.Features.Access.Exports;

/// <summary>
/// <c>sf-permission-sets</c>: PermissionSetAssignment with its PermissionSet's fields (<c>SELECT AssigneeId,
/// PermissionSet.Name, PermissionSet.Label, PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name,
/// PermissionSet.PermissionsModifyAllData, ... FROM PermissionSetAssignment</c>). Profiles come in it too: each
/// owns a permission set, and every user has an assignment to their profile's. A user's permissions are those of
/// all their rows together; a permission whose column the export lacks is unknown, not absent.
/// </summary>
public sealed class PermissionSetAssignmentFormat : IAccessFormat
{
    public const string FormatName = "sf-permission-sets";

    public string Name => FormatName;

    public string Description => "PermissionSetAssignment export with its PermissionSet fields (permission sets, profiles, powerful permissions)";

    public AccessFacet Facet => AccessFacet.PermissionSets;

    public int Fit(HeaderMap header) =>
        header.Has("AssigneeId") && (header.Has("PermissionSet.Name") || header.Has("PermissionSetId"))
            ? 1 + AccessFormats.Count(header, ["PermissionSet.Name", "PermissionSetId", "PermissionSet.Label", "PermissionSet.IsOwnedByProfile", "PermissionSet.Profile.Name", "Assignee.Username"])
              + PermissionFields.All.Count(p => IndexOf(header, p.Field) >= 0)
            : 0;

    private static int IndexOf(HeaderMap header, string field) => header.IndexOfAny("PermissionSet." + field, field);

    public IAccessRowReader Bind(HeaderMap header, ImportSource source)
    {
        var columns = new Columns(header, source.Name, FormatName);
        var assignee = columns.Required("AssigneeId");
        var name = columns.Optional("PermissionSet.Name", "PermissionSetName");
        var id = columns.Optional("PermissionSetId", "PermissionSet.Id");
        if (name < 0 && id < 0)
            columns.Required("PermissionSet.Name");
        var reader = new Reader(header, assignee, name, id,
            Label: columns.Optional("PermissionSet.Label", "PermissionSetLabel"),
            IsProfile: columns.Optional("PermissionSet.IsOwnedByProfile", "IsOwnedByProfile"),
            Profile: columns.Optional("PermissionSet.Profile.Name", "Profile.Name"),
            IsActive: columns.Optional("IsActive"),
            IsRevoked: columns.Optional("IsRevoked"),
            Permissions: PermissionFields.All.Select(p => (p.Permission, columns.Optional("PermissionSet." + p.Field, p.Field))).Where(p => p.Item2 >= 0).ToList());
        columns.EnsureComplete();
        return reader;
    }

    private sealed record Reader(HeaderMap Header, int Assignee, int Name, int Id, int Label, int IsProfile, int Profile, int IsActive, int IsRevoked,
        IReadOnlyList<(SalesforcePermissions Permission, int Column)> Permissions) : IAccessRowReader
    {
        public AccessRow? Read(ITabularFile row, List<Importing.RowError> errors)
        {
            var fields = new AccessRowFields(row, Header, errors);
            var userId = fields.RequiredId(Assignee);
            var setName = fields.Text(Name) ?? fields.Id(Id);
            if (setName is null && !fields.HasErrors)
                fields.Fail(Name >= 0 ? Name : Id, "is empty; every assignment names its permission set");
            var (granted, known) = (SalesforcePermissions.None, SalesforcePermissions.None);
            foreach (var (permission, column) in Permissions)
            {
                switch (fields.Flag(column))
                {
                    case true:
                        granted |= permission;
                        known |= permission;
                        break;
                    case false:
                        known |= permission;
                        break;
                }
            }
            var isProfile = fields.Flag(IsProfile) ?? false;
            // An assignment that is switched off or revoked grants nothing: the row is read, the set not held.
            var inForce = fields.Flag(IsActive) != false && fields.Flag(IsRevoked) != true;
            if (fields.HasErrors || userId is null || setName is null)
                return null;
            var grant = inForce ? new PermissionSetGrant(setName, fields.Text(Label), isProfile, fields.Text(Profile), granted, known) : null;
            return new AccessRow(fields.Line, userId) { Grant = grant };
        }
    }
}
