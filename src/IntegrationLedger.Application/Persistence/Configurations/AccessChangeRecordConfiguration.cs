using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class AccessChangeRecordConfiguration : IEntityTypeConfiguration<AccessChangeRecord>
{
    public void Configure(EntityTypeBuilder<AccessChangeRecord> builder)
    {
        builder.ToTable("AccessChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AccessSnapshot>().WithMany().HasForeignKey(c => c.SnapshotId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Username).HasMaxLength(320);
        builder.Property(c => c.Facet).HasMaxLength(20);
        builder.Property(c => c.Changes).HasMaxLength(4000);
        builder.HasIndex(c => new { c.AccountId, c.AsOf });
        builder.HasIndex(c => c.AsOf);
    }
}
