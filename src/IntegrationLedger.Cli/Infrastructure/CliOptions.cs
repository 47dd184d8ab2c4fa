using System.CommandLine;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Reviews;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// Options that arrive typed. Their text is converted and checked while System.CommandLine parses, so a bad
/// value is a parse error: one sentence naming the option and what was typed, exit code 2 (see
/// <see cref="LedgerCli"/>), before any ledger is opened.
/// </summary>
internal static class CliOptions
{
    /// <summary>Turns one typed value into <typeparamref name="T"/>; false when it cannot.</summary>
    public delegate bool Converter<T>(string text, out T value);

    /// <summary>A date, YYYY-MM-DD; null when not given.</summary>
    public static Option<DateOnly?> Date(string name, string description) =>
        Parsed<DateOnly?>(name, description, "YYYY-MM-DD", Nullable<DateOnly>(CliParse.TryDate), CliParse.NotADate);

    /// <summary>A date, YYYY-MM-DD, that must be given.</summary>
    public static Option<DateOnly> RequiredDate(string name, string description) =>
        Required(Parsed<DateOnly>(name, description, "YYYY-MM-DD", CliParse.TryDate, CliParse.NotADate));

    /// <summary>A point in time in UTC: a date (its midnight UTC) or a time with Z or an offset; null when not given.</summary>
    public static Option<DateTime?> UtcTime(string name, string description) =>
        Parsed<DateTime?>(name, description, "DATE|TIME", Nullable<DateTime>(CliParse.TryUtcTime), CliParse.NotAUtcTime);

    /// <summary>
    /// A moment to look back to: a date means the end of that day (UTC), so that "as of 2026-11-28" includes what the
    /// day's exports said; a time with Z or an offset is taken as given. Null when not given.
    /// </summary>
    public static Option<DateTime?> AsOf(string name, string description) =>
        Parsed<DateTime?>(name, description, "DATE|TIME", Nullable<DateTime>((string text, out DateTime time) =>
        {
            if (CliParse.TryDate(text.Trim(), out var date))
            {
                time = date.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
                return true;
            }
            return CliParse.TryUtcTime(text, out time);
        }), CliParse.NotAUtcTime);

    /// <summary>A whole number greater than zero; null when not given.</summary>
    public static Option<int?> Count(string name, string description, string helpName) =>
        Parsed<int?>(name, description, helpName, Nullable<int>(CliParse.TryCount), CliParse.NotACount);

    /// <summary>A quarter, 2026-Q4 (also 2026Q4 or Q4-2026), that must be given.</summary>
    public static Option<Quarter> Quarter(string name, string description) =>
        Required(Parsed<Quarter>(name, description, "QUARTER", Domain.Reviews.Quarter.TryParse, NotAQuarter));

    /// <summary>A quarter, 2026-Q4 (also 2026Q4 or Q4-2026); null when not given.</summary>
    public static Option<Quarter?> OptionalQuarter(string name, string description) =>
        Parsed<Quarter?>(name, description, "QUARTER", Nullable<Quarter>(Domain.Reviews.Quarter.TryParse), NotAQuarter);

    /// <summary>IP addresses or networks, the option repeated for each; none when not given.</summary>
    public static Option<System.Net.IPNetwork[]> Networks(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "ADDRESS|CIDR",
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = result =>
            {
                var networks = new List<System.Net.IPNetwork>();
                foreach (var token in result.Tokens)
                {
                    if (CliParse.TryNetwork(token.Value, out var network))
                        networks.Add(network);
                    else
                        result.AddError(CliParse.NotANetwork(name, token.Value));
                }
                return [.. networks];
            },
        };

    /// <summary>
    /// One member of <typeparamref name="T"/>, typed in kebab case (<c>approved-with-conditions</c>). Help lists
    /// the choices as the value's name (<c>--network &lt;trusted|untrusted&gt;</c>), or, given a
    /// <paramref name="helpName"/> because they are too many to read that way, after the description.
    /// Required unless it has a default.
    /// </summary>
    public static Option<T> Choice<T>(string name, string description, T? defaultValue = null, string? helpName = null)
        where T : struct, Enum
    {
        var names = KebabCase.Names<T>().ToArray();
        var option = helpName is null
            ? Parsed<T>(name, description, string.Join('|', names), KebabCase.TryParse, CliParse.NotAChoice<T>)
            : Parsed<T>(name, $"{description}: {string.Join(", ", names)}", helpName, KebabCase.TryParse, CliParse.NotAChoice<T>);
        option.CompletionSources.Clear();
        option.CompletionSources.Add(names);
        if (defaultValue is { } value)
            option.DefaultValueFactory = _ => value;
        else
            option.Required = true;
        return option;
    }

    /// <summary>One member of <typeparamref name="T"/>, typed in kebab case, as a filter: null when not given.</summary>
    public static Option<T?> OptionalChoice<T>(string name, string description, string? helpName = null)
        where T : struct, Enum
    {
        var names = KebabCase.Names<T>().ToArray();
        var option = helpName is null
            ? Parsed<T?>(name, description, string.Join('|', names), Nullable<T>(KebabCase.TryParse), CliParse.NotAChoice<T>)
            : Parsed<T?>(name, $"{description}: {string.Join(", ", names)}", helpName, Nullable<T>(KebabCase.TryParse), CliParse.NotAChoice<T>);
        option.CompletionSources.Clear();
        option.CompletionSources.Add(names);
        return option;
    }

    /// <summary>An option of any type <paramref name="convert"/> can read, with the sentence <paramref name="complaint"/> writes when it cannot.</summary>
    public static Option<T> Parsed<T>(string name, string description, string helpName, Converter<T> convert, Func<string, string, string> complaint) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                // Arity is checked before conversion, so an option that is present has its one value here.
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (convert(text, out var value))
                    return value;
                result.AddError(complaint(name, text));
                return default;
            },
        };

    private static Option<T> Required<T>(Option<T> option)
    {
        option.Required = true;
        return option;
    }

    private static string NotAQuarter(string option, string text) => $"{option} '{text}' is not a quarter; write it as 2026-Q4.";

    private static Converter<TValue?> Nullable<TValue>(Converter<TValue> convert)
        where TValue : struct =>
        (string text, out TValue? value) =>
        {
            var converted = convert(text, out var inner);
            value = converted ? inner : null;
            return converted;
        };
}
