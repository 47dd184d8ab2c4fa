using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Domain.Access;

namespace IntegrationLedger.Application.Features.Access.Exports;

/// <summary>
/// <c>sf-user-logins</c>: UserLogin (<c>SELECT UserId, IsFrozen, IsPasswordLocked FROM UserLogin</c>). A frozen
/// user cannot sign in but stays active in the User export.
/// </summary>
public sealed class UserLoginFormat : IAccessFormat
{
    public const string FormatName = "sf-user-logins";

    public string Name => FormatName;

    public string Description => "UserLogin export (frozen, password-locked)";

    public AccessFacet Facet => AccessFacet.Login;

    public int Fit(HeaderMap header)
    {
        var flags = AccessFormats.Count(header, ["IsFrozen", "IsPasswordLocked"]);
        return header.Has("UserId") && flags > 0 ? 1 + flags : 0;
    }

    public IAccessRowReader Bind(HeaderMap header, ImportSource source)
    {
        var columns = new Columns(header, source.Name, FormatName);
        var reader = new Reader(header, columns.Required("UserId"), columns.Optional("IsFrozen"), columns.Optional("IsPasswordLocked"));
        columns.EnsureComplete();
        return reader;
    }

    private sealed record Reader(HeaderMap Header, int UserId, int IsFrozen, int IsPasswordLocked) : IAccessRowReader
    {
        public AccessRow? Read(ITabularFile row, List<Importing.RowError> errors)
        {
            var fields = new AccessRowFields(row, Header, errors);
            var userId = fields.RequiredId(UserId);
            var frozen = fields.Flag(IsFrozen);
            var locked = fields.Flag(IsPasswordLocked);
            return fields.HasErrors || userId is null ? null : new AccessRow(fields.Line, userId) { IsFrozen = frozen, IsPasswordLocked = locked };
        }
    }
}
