namespace IntegrationLedger.Domain.Access;

public enum AccessChangeKind
{
    PermissionGained,
    PermissionLost,
    PermissionSetAdded,
    PermissionSetRemoved,
    MfaAdded,
    MfaRemoved,
    Activated,
    Deactivated,
    Frozen,
    Unfrozen,
    PasswordLocked,
    PasswordUnlocked,
    PasswordChanged,
    ProfileChanged,
    LicenceChanged,
    RoleChanged,
    UserTypeChanged,
    EmailChanged,
    FederationChanged,
}

/// <summary>One difference between two snapshots of an account's access, worded for people.</summary>
public sealed record AccessChange(AccessChangeKind Kind, string Text, SalesforcePermissions Permission = SalesforcePermissions.None);

/// <summary>Works out what changed between two snapshots of the same facet.</summary>
public static class AccessChanges
{
    public static IReadOnlyList<AccessChange> Between(AccessSnapshot before, AccessSnapshot after)
    {
        if (before.Facet != after.Facet)
            throw new ArgumentException("Snapshots of different facets are not comparable.", nameof(after));
        var changes = new List<AccessChange>();
        switch (after.Facet)
        {
            case AccessFacet.User:
                Flag(changes, before.IsActive, after.IsActive, AccessChangeKind.Activated, "reactivated", AccessChangeKind.Deactivated, "deactivated");
                Text(changes, AccessChangeKind.UserTypeChanged, "user type", before.UserType, after.UserType);
                Text(changes, AccessChangeKind.LicenceChanged, "licence", before.Licence, after.Licence);
                Text(changes, AccessChangeKind.ProfileChanged, "profile", before.Profile, after.Profile);
                Text(changes, AccessChangeKind.RoleChanged, "role", before.Role, after.Role);
                Text(changes, AccessChangeKind.EmailChanged, "email", before.Email, after.Email);
                Text(changes, AccessChangeKind.FederationChanged, "federation id", before.FederationId, after.FederationId);
                if (after.LastPasswordChangeAt is { } changed && changed != before.LastPasswordChangeAt)
                    changes.Add(new(AccessChangeKind.PasswordChanged, $"password changed {changed:yyyy-MM-dd}"));
                break;
            case AccessFacet.PermissionSets:
                PermissionSets(changes, before, after);
                break;
            case AccessFacet.Mfa:
                var (old, now) = (before.MfaMethods ?? MfaMethods.None, after.MfaMethods ?? MfaMethods.None);
                foreach (var method in MfaFields.All)
                {
                    if ((now & method.Method) != 0 && (old & method.Method) == 0)
                        changes.Add(new(AccessChangeKind.MfaAdded, $"registered {method.Label}"));
                    else if ((old & method.Method) != 0 && (now & method.Method) == 0)
                        changes.Add(new(AccessChangeKind.MfaRemoved, $"removed {method.Label}"));
                }
                break;
            case AccessFacet.Login:
                Flag(changes, before.IsFrozen, after.IsFrozen, AccessChangeKind.Frozen, "frozen", AccessChangeKind.Unfrozen, "unfrozen");
                Flag(changes, before.IsPasswordLocked, after.IsPasswordLocked, AccessChangeKind.PasswordLocked, "password locked", AccessChangeKind.PasswordUnlocked, "password unlocked");
                break;
        }
        return changes;
    }

    private static void PermissionSets(List<AccessChange> changes, AccessSnapshot before, AccessSnapshot after)
    {
        var (old, now) = (before.Grants.ToDictionary(g => g.Name), after.Grants.ToDictionary(g => g.Name));
        foreach (var added in now.Values.Where(g => !old.ContainsKey(g.Name)))
            changes.Add(new(AccessChangeKind.PermissionSetAdded, $"assigned {added.DisplayName}"));
        foreach (var removed in old.Values.Where(g => !now.ContainsKey(g.Name)))
            changes.Add(new(AccessChangeKind.PermissionSetRemoved, $"unassigned {removed.DisplayName}"));
        foreach (var permission in PermissionFields.All)
        {
            var flag = permission.Permission;
            // A permission the earlier export had no column for was unknown, not absent: holding it now is no gain.
            if ((after.Granted & flag) != 0 && (before.Granted & flag) == 0 && (before.Known & flag) != 0)
            {
                var through = now.Values.Where(g => (g.Granted & flag) != 0).Select(g => g.DisplayName);
                changes.Add(new(AccessChangeKind.PermissionGained, $"gained {permission.Label} through {string.Join(", ", through)}", flag));
            }
            else if ((before.Granted & flag) != 0 && (after.Granted & flag) == 0 && (after.Known & flag) != 0)
            {
                changes.Add(new(AccessChangeKind.PermissionLost, $"lost {permission.Label}", flag));
            }
        }
    }

    private static void Flag(List<AccessChange> changes, bool? before, bool? after, AccessChangeKind onKind, string on, AccessChangeKind offKind, string off)
    {
        if (before is null || after is null || before == after)
            return;
        changes.Add(after.Value ? new(onKind, on) : new(offKind, off));
    }

    private static void Text(List<AccessChange> changes, AccessChangeKind kind, string what, string? before, string? after)
    {
        if (before == after || after is null)
            return;
        changes.Add(new(kind, before is null ? $"{what} {after}" : $"{what} {before} → {after}"));
    }
}
