using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

/// <summary>
/// <c>tokens</c>: one row per token, keyed by label. Never a secret: a file with a column that looks like
/// one is refused whole, because a spreadsheet of secrets must not become an import habit. Secrets are
/// registered one at a time with <c>token add --secret-stdin</c>.
/// </summary>
public sealed class TokensTemplate : IInventoryTemplate
{
    /// <summary>Words that, anywhere in a column's name, suggest it holds secrets ("Token Secret", "API Token", "api_key").</summary>
    private static readonly string[] SecretWords = ["secret", "password", "passwd", "pwd", "credential", "token", "key", "bearer", "value"];

    public string Name => "tokens";

    public IReadOnlyList<TemplateColumn> Columns { get; } =
    [
        new("label", true, "A name for the token, its key in the ledger"),
        new("kind", true, string.Join(", ", TokenKinds.CliNames)),
        new("owner", true, "Email of the person who answers for it"),
        new("account", false, "The platform account it belongs to (Salesforce username)"),
        new("account_user_id", false, "That account's Salesforce user id"),
        new("rotate_every_days", false, "Rotation policy in days (default: by kind)"),
        new("issued", false, "When it was issued (YYYY-MM-DD)"),
        new("last_rotated", false, "When it was last reset (YYYY-MM-DD)"),
    ];

    public IInventoryRowApplier Bind(HeaderMap header, ImportSource source, ImportWording wording)
    {
        var ownColumns = Columns.Select(c => HeaderMap.Normalize(c.Name)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = HeaderMap.Normalize(header.NameAt(i));
            if (name.Length == 0)
            {
                throw new ImportFileException(
                    $"{source.AtColumn(header.Line, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}: a column without a name could hold anything, secrets included; name it or remove it. Nothing was imported.");
            }
            if (!ownColumns.Contains(name) && (SecretWords.Any(word => name.Contains(word, StringComparison.Ordinal)) || name == "pat"))
            {
                throw new ImportFileException(
                    $"{source.AtColumn(header.Line, header.NameAt(i))}: this looks like a column of secrets, and a tokens file must never carry one; " +
                    $"remove the column and {wording.RegisterSecret}. Nothing was imported.");
            }
        }
        return new Applier(header, wording);
    }

    private sealed class Applier(HeaderMap header, ImportWording wording) : IInventoryRowApplier
    {
        public async Task<RowOutcome?> ApplyAsync(Ledger ledger, ITabularFile csv, List<RowError> errors, CancellationToken cancellationToken)
        {
            var row = new TemplateRow(csv, header, errors);
            var label = row.Required("label");
            var kindText = row.Required("kind");
            if (kindText.Length > 0 && !TokenKinds.TryParse(kindText, out _))
                row.Fail("kind", $"'{kindText}' is not one of {string.Join(", ", TokenKinds.CliNames)}");
            _ = TokenKinds.TryParse(kindText, out var kind);
            var ownerEmail = row.Required("owner");
            var owner = ownerEmail.Length == 0 ? null : await ledger.Db.PersonAsync(ownerEmail, cancellationToken);
            if (ownerEmail.Length > 0 && owner is null)
                row.Fail("owner", $"no person with email '{ownerEmail}' is in the ledger (add them to people first)");
            var userId = row.Text("account_user_id");
            if (userId is not null && !SalesforceId.TryNormalize(userId, out _))
                row.Fail("account_user_id", $"'{userId}' is not a Salesforce id (15 or 18 characters with a valid checksum)");
            var rotateEvery = row.Count("rotate_every_days");
            var issued = row.Time("issued");
            var lastRotated = row.Time("last_rotated");
            foreach (var (column, value) in new[] { ("issued", issued), ("last_rotated", lastRotated) })
            {
                if (value is { } time && !LedgerDates.IsPlausible(time, ledger.Now))
                    row.Fail(column, $"'{time:yyyy-MM-dd}' must be a date that has passed, from 2000 on");
            }
            if (owner is { HasDeparted: true })
                row.Fail("owner", $"{owner.Email} has departed and cannot be given tokens");
            if (row.HasErrors)
                return null;

            var token = await ledger.Db.TokenAsync(label, cancellationToken);
            if (token is null)
            {
                if (row.Text("account") is { } accountName && userId is not null
                    && await ledger.Db.FindAccountAsync(accountName, cancellationToken) is { PlatformUserId: { } knownId } existingAccount
                    && knownId != Domain.Accounts.SalesforceId.Normalize(userId))
                {
                    row.Fail("account_user_id", $"account '{existingAccount.Username}' is recorded with user id {knownId}");
                    return null;
                }
                var account = row.Text("account") is { } username ? await AccountAsync(ledger, username, userId, owner!) : null;
                var issuedAt = issued ?? lastRotated ?? ledger.Now;
                ledger.Db.Tokens.Add(new Token(label, kind, owner!, account?.Id, null, issuedAt, lastRotated ?? issuedAt, rotateEvery, ledger.Now));
                return RowOutcome.Created;
            }

            if (token.Kind != kind)
                row.Fail("kind", $"token '{label}' is recorded as {token.Kind.ToCliName()}; a token's kind does not change");
            if (lastRotated is { } rotated && rotated != token.LastRotatedAt)
                row.Fail("last_rotated", $"differs from the ledger's {token.LastRotatedAt:yyyy-MM-dd HH:mm} UTC; {wording.RecordReset} so the integrations are followed up");
            if (issued is { } givenIssue && givenIssue != token.IssuedAt)
                row.Fail("issued", $"differs from the ledger's {token.IssuedAt:yyyy-MM-dd HH:mm} UTC; a token's issue date does not change");
            var accountId = row.Text("account") is { } accountText ? (await ledger.Db.FindAccountAsync(accountText, cancellationToken))?.Id : null;
            if (row.Text("account") is not null && accountId != token.AccountId)
                row.Fail("account", $"token '{label}' belongs to another account in the ledger; a token's account does not change (register a new token)");
            if (row.HasErrors)
                return null;
            var changed = false;
            if (token.OwnerId != owner!.Id)
            {
                token.TransferOwnership(owner);
                changed = true;
            }
            if (rotateEvery is not null && rotateEvery != token.RotationPolicyDays)
            {
                token.ChangeRotationPolicy(rotateEvery);
                changed = true;
            }
            return changed ? RowOutcome.Updated : RowOutcome.Unchanged;
        }

        private static async Task<Account> AccountAsync(Ledger ledger, string username, string? userId, Domain.People.Person owner)
        {
            var normalized = Account.NormalizeUsername(username);
            var account = ledger.Db.Accounts.Local.FirstOrDefault(a => a.Username == normalized)
                ?? await ledger.Db.FindAccountAsync(normalized, CancellationToken.None);
            if (account is null)
            {
                account = new Account(normalized, normalized == owner.Email ? AccountKind.Personal : AccountKind.Integration, owner.Id, userId, ledger.Now);
                ledger.Db.Accounts.Add(account);
            }
            else if (userId is not null)
            {
                account.AssignPlatformUserId(userId);
            }
            return account;
        }
    }
}
