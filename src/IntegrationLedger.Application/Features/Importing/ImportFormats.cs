using FluentValidation;
using FluentValidation.Results;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Application.Features.Importing.Inventory;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// What a file is to be read as: a platform export or one of our inventory templates, named by the
/// caller or recognised from the header. Exactly one of the two is set.
/// </summary>
internal sealed record ChosenFormat(IUsageFormat? Usage, IInventoryTemplate? Template, bool Detected)
{
    public string Name => Usage?.Name ?? Template!.Name;
}

/// <summary>Every format <c>ledger import</c> reads, and choosing one for a file.</summary>
public static class ImportFormats
{
    public const string Auto = "auto";

    public static IEnumerable<string> AllNames =>
        UsageFormats.All.Select(f => f.Name).Concat(InventoryTemplates.All.Select(t => t.Name));

    public static bool IsAuto(string name) => string.Equals(name, Auto, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The format named, or with <see cref="Auto"/> the one the header shows. Throws a validation failure for
    /// a name that is no format, and names the file when its header matches none.
    /// </summary>
    internal static ChosenFormat Choose(string name, HeaderMap header, ImportSource source)
    {
        if (Named(name) is { } named)
            return named;
        if (UsageFormats.Recognise(header) is { } usage)
            return new ChosenFormat(usage, null, Detected: true);
        if (InventoryTemplates.Recognise(header) is { } template)
            return new ChosenFormat(null, template, Detected: true);
        throw new ImportFileException(
            $"{source.At(header.Line)}: the header matches none of the formats ledger reads ({string.Join(", ", AllNames)}); " +
            $"it starts with {header.Preview()}.");
    }

    /// <summary>The format a name gives, or null for <see cref="Auto"/>; a validation failure for a name that is no format.</summary>
    internal static ChosenFormat? Named(string name)
    {
        if (IsAuto(name))
            return null;
        if (UsageFormats.Find(name) is { } named)
            return new ChosenFormat(named, null, Detected: false);
        if (InventoryTemplates.Find(name) is { } namedTemplate)
            return new ChosenFormat(null, namedTemplate, Detected: false);
        throw new ValidationException([new ValidationFailure("format", $"'{name}' is not an import format; use one of {Auto}, {string.Join(", ", AllNames)}.")]);
    }
}
