using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Domain.Access;

namespace IntegrationLedger.Application.Features.Access.Exports;

/// <summary>
/// An export of what Salesforce accounts may do (User, PermissionSetAssignment, TwoFactorMethodsInfo, UserLogin),
/// taken with Data Loader, Workbench or the sf CLI: each tells one <see cref="AccessFacet"/> of many accounts at the
/// moment it was taken. Columns are matched by name in any casing (<c>Profile.Name</c>, <c>PROFILE.NAME</c>); only
/// the id column is required.
/// </summary>
public interface IAccessFormat
{
    /// <summary>The name users give on the command line, such as <c>sf-users</c>.</summary>
    string Name { get; }

    string Description { get; }

    AccessFacet Facet { get; }

    /// <summary>How many of the header's columns this format reads; 0 when the header is not this format.</summary>
    int Fit(HeaderMap header);

    /// <summary>Finds the columns; throws <see cref="ImportFileException"/> naming every missing one.</summary>
    IAccessRowReader Bind(HeaderMap header, ImportSource source);
}

public interface IAccessRowReader
{
    /// <summary>The current row, or null with the reasons added to <paramref name="errors"/>.</summary>
    AccessRow? Read(ITabularFile row, List<RowError> errors);
}

/// <summary>What one row of an access export says, about the account with <see cref="UserId"/> (18 characters).</summary>
public sealed record AccessRow(long Line, string UserId)
{
    // The User export.
    public string? Username { get; init; }
    public string? Name { get; init; }
    public UserFacts? User { get; init; }

    // The PermissionSetAssignment export: one assigned set per row; null for an assignment that is not in force.
    public PermissionSetGrant? Grant { get; init; }

    // The TwoFactorMethodsInfo export.
    public MfaMethods? Mfa { get; init; }

    // The UserLogin export.
    public bool? IsFrozen { get; init; }
    public bool? IsPasswordLocked { get; init; }
}

/// <summary>The access formats, and how well a header fits each.</summary>
public static class AccessFormats
{
    public static IReadOnlyList<IAccessFormat> All { get; } =
        [new UserExportFormat(), new PermissionSetAssignmentFormat(), new MfaMethodsFormat(), new UserLoginFormat()];

    public static IAccessFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>How many of <paramref name="names"/> the header has.</summary>
    internal static int Count(HeaderMap header, IEnumerable<string> names) => names.Count(header.Has);
}
