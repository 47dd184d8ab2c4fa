using FluentValidation;
using FluentValidation.Results;

namespace IntegrationLedger.Application.Common.Security;

/// <summary>
/// A secret on its way to being fingerprinted. It prints as a placeholder, so a request that carries one
/// can be logged or shown in an exception without giving it away.
/// </summary>
public sealed class Secret
{
    public const int MinimumLength = 8;

    private readonly string _value;

    private Secret(string value) => _value = value;

    /// <summary>
    /// Takes text as read from stdin or a form: the trailing line break that <c>echo</c> adds is not part
    /// of the secret. Messages describe the problem, never the value.
    /// </summary>
    public static Secret Parse(string text)
    {
        var value = text.TrimEnd('\r', '\n');
        string? problem = value.Length == 0 ? "No secret was given on standard input."
            : value.Any(char.IsWhiteSpace) ? "The secret contains whitespace or a line break; give exactly one secret."
            : value.Length < MinimumLength ? $"The secret is shorter than {MinimumLength} characters; that is not a real credential."
            : null;
        return problem is null ? new Secret(value) : throw new ValidationException([new ValidationFailure("secret", problem)]);
    }

    internal string Reveal() => _value;

    public override string ToString() => "(secret)";
}
