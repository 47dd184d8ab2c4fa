using IntegrationLedger.Domain.Importing;
using IntegrationLedger.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class UsageEventConfiguration : IEntityTypeConfiguration<UsageEvent>
{
    public void Configure(EntityTypeBuilder<UsageEvent> builder)
    {
        builder.ToTable("UsageEvents");
        builder.HasKey(e => e.Id);
        // A plain INTEGER PRIMARY KEY is SQLite's rowid: the importer lets SQLite number the rows, and
        // without AUTOINCREMENT there is no extra bookkeeping table to update per row.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Source).HasMaxLength(40);
        builder.Property(e => e.EventType).HasMaxLength(40);
        builder.Property(e => e.NaturalKey).HasMaxLength(100);
        // The key that makes re-importing idempotent: an insert that meets an event already stored does nothing.
        // It leads with the time because an event's time follows from its natural key (decision 0020), and
        // because a file's events then land on the few index pages of their day instead of every page of a
        // random hash: at millions of events that halves what each import writes. It also answers every
        // filter and order by time, so there is no separate index on OccurredAt to keep.
        builder.HasIndex(e => new { e.OccurredAt, e.KeyHash }).IsUnique();
        // The events page filters by these and shows the newest first: each index, ending in the time, answers
        // a filter and its order at millions of events (decision 0011). Event type and outcome have too few
        // values for an index to pay for what it costs every import.
        builder.HasIndex(e => new { e.IntegrationId, e.OccurredAt });
        builder.HasIndex(e => new { e.Username, e.OccurredAt });
        builder.HasIndex(e => new { e.SourceIp, e.OccurredAt });
        // Each token's last use, for the stale rule, read from this index alone rather than from every event.
        builder.HasIndex(e => new { e.TokenId, e.OccurredAt });
        // The activity of each connected app (the register, its rules), from the few events tied to one; with the
        // integration, so an incident finds what an app did that no integration accounts for without reading the rest.
        builder.HasIndex(e => new { e.TiedAppId, e.IntegrationId, e.OccurredAt }).HasFilter("TiedAppId IS NOT NULL");
        // The OAuth token snapshots, by app: who holds each connected app's tokens, without reading the other events.
        builder.HasIndex(e => new { e.Application, e.UserId }).HasFilter("EventType = 'OAuthToken'").HasDatabaseName("IX_UsageEvents_OAuthTokens");
        builder.Property(e => e.UserId).HasMaxLength(18);
        builder.Property(e => e.ConnectedAppId).HasMaxLength(18);
        builder.Property(e => e.TiedAppId).HasMaxLength(18);
        builder.Property(e => e.Entity).HasMaxLength(200);
        builder.Property(e => e.Operation).HasMaxLength(40);
        builder.Property(e => e.JobId).HasMaxLength(18);
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(e => e.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
