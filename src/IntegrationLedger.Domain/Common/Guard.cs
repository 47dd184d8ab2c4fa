namespace IntegrationLedger.Domain.Common;

internal static class Guard
{
    public static string Required(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainException($"{what} is required.");
        return value.Trim();
    }

    public static string? Optional(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static DateTime Utc(DateTime value, string what) =>
        value.Kind == DateTimeKind.Utc
            ? value
            : throw new ArgumentException($"{what} must be a UTC time.", nameof(value));

    public static T Defined<T>(T value, string what)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new DomainException($"{what} '{value}' is not one the ledger knows.");
}
