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
        builder.HasIndex(e => e.KeyHash).IsUnique();
        builder.HasIndex(e => e.OccurredAt);
        builder.Property(e => e.UserId).HasMaxLength(18);
        builder.Property(e => e.ConnectedAppId).HasMaxLength(18);
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(e => e.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
