using FluentValidation;
using FluentValidation.Results;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Settings;

public sealed record SettingView(string Name, int Value, int Default, string Rule, string Description);

public sealed class ListSettingsHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<SettingView>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var current = await RuleBook.CurrentSettingsAsync(ledger.Db, cancellationToken);
        return RuleBook.Settings
            .Select(s => new SettingView(s.Name, current[s.Name], s.Setting.Default, s.Rule.Id, s.Setting.Description))
            .ToList();
    }
}

/// <summary>Changes a rule threshold; audited like any other change.</summary>
public sealed record SetSetting(string Name, string Value);

public sealed class SetSettingHandler(Ledger ledger)
{
    public async Task<SettingView> HandleAsync(SetSetting request, CancellationToken cancellationToken = default)
    {
        var known = RuleBook.Settings.FirstOrDefault(s => s.Name == request.Name.Trim());
        if (known.Name is null)
            throw Invalid("name", $"'{request.Name}' is not a setting; 'ledger settings list' shows them.");
        var (min, max) = (known.Setting.Min, known.Setting.Max);
        if (!int.TryParse(request.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw Invalid("value", $"'{request.Value}' is not a whole number from {min} to {max}, which {known.Name} needs.");

        await using var change = await ledger.BeginChangeAsync(AuditActions.SettingsSet, cancellationToken);
        var stored = await ledger.Db.Settings.FindAsync([known.Name], cancellationToken);
        if (stored is null)
            ledger.Db.Settings.Add(new LedgerSetting(known.Name, value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        else
            stored.Value = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await change.CommitAsync(cancellationToken);
        return new SettingView(known.Name, value, known.Setting.Default, known.Rule.Id, known.Setting.Description);
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
