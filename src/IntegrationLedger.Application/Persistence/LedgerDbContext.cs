using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Activity;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Auditing;
using IntegrationLedger.Domain.ConnectedApps;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Importing;
using IntegrationLedger.Domain.Incidents;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Persistence;

public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Token> Tokens => Set<Token>();
    public DbSet<TokenUsage> TokenUsages => Set<TokenUsage>();
    public DbSet<FormerSecret> FormerSecrets => Set<FormerSecret>();
    public DbSet<Integration> Integrations => Set<Integration>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<UsageEvent> UsageEvents => Set<UsageEvent>();
    public DbSet<KnownUser> KnownUsers => Set<KnownUser>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<AccessReview> AccessReviews => Set<AccessReview>();
    public DbSet<LedgerSetting> Settings => Set<LedgerSetting>();
    public DbSet<LedgerUser> Users => Set<LedgerUser>();
    public DbSet<AccessEvent> AccessEvents => Set<AccessEvent>();
    public DbSet<WebSession> WebSessions => Set<WebSession>();
    public DbSet<AccessSnapshot> AccessSnapshots => Set<AccessSnapshot>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();
    public DbSet<AccessChangeRecord> AccessChanges => Set<AccessChangeRecord>();
    public DbSet<ActivityDay> ActivityDays => Set<ActivityDay>();
    public DbSet<ActivityObject> ActivityObjects => Set<ActivityObject>();
    public DbSet<ActivitySource> ActivitySources => Set<ActivitySource>();
    public DbSet<BulkJob> BulkJobs => Set<BulkJob>();
    public DbSet<FailedLoginHour> FailedLoginHours => Set<FailedLoginHour>();
    public DbSet<ConnectedApp> ConnectedApps => Set<ConnectedApp>();
    public DbSet<Incident> Incidents => Set<Incident>();

    /// <summary>Set by <see cref="LedgerChange"/> while it saves, so that nothing reaches the store unaudited.</summary>
    internal bool AuditedSaveInProgress { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnsureAudited();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnsureAudited();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LedgerDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type and EF reads DateTime back with an unspecified kind; every time in the
        // ledger is UTC, so say so on the way in and out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        // Enums as their names: readable with the sqlite3 shell and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
    }

    private void EnsureAudited()
    {
        if (!AuditedSaveInProgress && ChangeTracker.HasChanges())
            throw new InvalidOperationException("Changes to the ledger must be saved through a LedgerChange so that they are audited.");
    }
}
