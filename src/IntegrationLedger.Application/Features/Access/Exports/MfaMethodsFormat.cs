using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Domain.Access;

namespace IntegrationLedger.Application.Features.Access.Exports;

/// <summary>
/// <c>sf-mfa</c>: TwoFactorMethodsInfo (<c>SELECT UserId, HasSalesforceAuthenticator, HasTotp, HasU2F,
/// HasSecurityKey, HasBuiltInAuthenticator, HasTempCode, HasVerifiedMobileNumber, ... FROM TwoFactorMethodsInfo</c>).
/// A user of the ledger's User exports with no row here has no method registered.
/// </summary>
public sealed class MfaMethodsFormat : IAccessFormat
{
    public const string FormatName = "sf-mfa";

    public string Name => FormatName;

    public string Description => "TwoFactorMethodsInfo export (the verification methods each user registered)";

    public AccessFacet Facet => AccessFacet.Mfa;

    public int Fit(HeaderMap header)
    {
        var methods = MfaFields.All.Count(m => header.Has(m.Field));
        return header.Has("UserId") && methods > 0 ? 1 + methods : 0;
    }

    public IAccessRowReader Bind(HeaderMap header, ImportSource source)
    {
        var columns = new Columns(header, source.Name, FormatName);
        var reader = new Reader(header, columns.Required("UserId"),
            MfaFields.All.Select(m => (m.Method, columns.Optional(m.Field))).Where(m => m.Item2 >= 0).ToList());
        columns.EnsureComplete();
        return reader;
    }

    private sealed record Reader(HeaderMap Header, int UserId, IReadOnlyList<(MfaMethods Method, int Column)> Methods) : IAccessRowReader
    {
        public AccessRow? Read(ITabularFile row, List<Importing.RowError> errors)
        {
            var fields = new AccessRowFields(row, Header, errors);
            var userId = fields.RequiredId(UserId);
            var methods = MfaMethods.None;
            foreach (var (method, column) in Methods)
            {
                if (fields.Flag(column) == true)
                    methods |= method;
            }
            return fields.HasErrors || userId is null ? null : new AccessRow(fields.Line, userId) { Mfa = methods };
        }
    }
}
