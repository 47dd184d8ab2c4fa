using FluentValidation;
using FluentValidation.Results;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Settings;

/// <summary>
/// The organisation's name, kept in the ledger so that every workbook's cover carries it, whoever builds it and
/// wherever (the web has no other way to give it; <c>report quarterly --organisation</c> still overrides it).
/// </summary>
public static class OrganisationName
{
    public const string Setting = "organisation.name";

    /// <summary>The name kept in the ledger; null when none was set.</summary>
    public static async Task<string?> ReadAsync(LedgerDbContext db, CancellationToken cancellationToken = default) =>
        await db.Settings.AsNoTracking().Where(s => s.Name == Setting).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
}

/// <summary>Sets the organisation's name; audited like any other setting.</summary>
public sealed record SetOrganisationName(string Name);

public sealed class SetOrganisationNameHandler(Ledger ledger)
{
    public async Task<string> HandleAsync(SetOrganisationName request, CancellationToken cancellationToken = default)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > FieldLimits.Name || name.Any(char.IsControl))
            throw new ValidationException([new ValidationFailure("Name", $"The organisation's name must be 1 to {FieldLimits.Name} characters, on one line.")]);

        await using var change = await ledger.BeginChangeAsync(AuditActions.SettingsSet, cancellationToken);
        var stored = await ledger.Db.Settings.FindAsync([OrganisationName.Setting], cancellationToken);
        if (stored is null)
            ledger.Db.Settings.Add(new LedgerSetting(OrganisationName.Setting, name));
        else
            stored.Value = name;
        await change.CommitAsync(cancellationToken);
        return name;
    }
}
