using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Domain.Access;

namespace IntegrationLedger.Application.Features.Access.Exports;

/// <summary>
/// <c>sf-users</c>: the User object (<c>SELECT Id, Username, Name, Email, IsActive, UserType, Profile.Name,
/// Profile.UserLicense.Name, UserRole.Name, LastLoginDate, LastPasswordChangeDate, FederationIdentifier FROM User</c>).
/// </summary>
public sealed class UserExportFormat : IAccessFormat
{
    public const string FormatName = "sf-users";

    /// <summary>Columns only a User export has; with Id and one of these a header is one.</summary>
    private static readonly string[] Characteristic =
        ["Username", "IsActive", "UserType", "Profile.Name", "Profile.UserLicense.Name", "LastLoginDate", "LastPasswordChangeDate", "FederationIdentifier"];

    private static readonly string[] Others = ["Id", "Name", "Email", "UserRole.Name", "CreatedDate"];

    public string Name => FormatName;

    public string Description => "User export (active, type, licence, profile, role, last login, last password change)";

    public AccessFacet Facet => AccessFacet.User;

    public int Fit(HeaderMap header) =>
        header.Has("Id") && header.Has("Username") && AccessFormats.Count(header, Characteristic) >= 2
            ? AccessFormats.Count(header, Characteristic) + AccessFormats.Count(header, Others)
            : 0;

    public IAccessRowReader Bind(HeaderMap header, ImportSource source)
    {
        var columns = new Columns(header, source.Name, FormatName);
        var reader = new Reader(header,
            Id: columns.Required("Id"),
            Username: columns.Optional("Username"),
            Name: columns.Optional("Name"),
            Email: columns.Optional("Email"),
            IsActive: columns.Optional("IsActive"),
            UserType: columns.Optional("UserType"),
            Profile: columns.Optional("Profile.Name", "ProfileName"),
            Licence: columns.Optional("Profile.UserLicense.Name", "UserLicense.Name", "UserLicenseName"),
            Role: columns.Optional("UserRole.Name", "UserRoleName"),
            LastLogin: columns.Optional("LastLoginDate"),
            LastPasswordChange: columns.Optional("LastPasswordChangeDate"),
            Federation: columns.Optional("FederationIdentifier"));
        columns.EnsureComplete();
        return reader;
    }

    private sealed record Reader(HeaderMap Header, int Id, int Username, int Name, int Email, int IsActive, int UserType, int Profile, int Licence, int Role,
        int LastLogin, int LastPasswordChange, int Federation) : IAccessRowReader
    {
        public AccessRow? Read(ITabularFile row, List<Importing.RowError> errors)
        {
            var fields = new AccessRowFields(row, Header, errors);
            var id = fields.RequiredId(Id);
            var username = fields.Username(Username);
            var email = fields.Text(Email)?.ToLowerInvariant();
            var facts = new UserFacts(
                fields.Flag(IsActive), fields.Text(UserType), fields.Text(Licence), fields.Text(Profile), fields.Text(Role), email,
                fields.Text(Federation), fields.Time(LastLogin), fields.Time(LastPasswordChange));
            return fields.HasErrors || id is null ? null : new AccessRow(fields.Line, id) { Username = username, Name = fields.Text(Name), User = facts };
        }
    }
}
