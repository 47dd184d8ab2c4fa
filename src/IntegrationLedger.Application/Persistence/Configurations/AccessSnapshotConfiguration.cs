using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Access;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Importing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class AccessSnapshotConfiguration : IEntityTypeConfiguration<AccessSnapshot>
{
    public void Configure(EntityTypeBuilder<AccessSnapshot> builder)
    {
        builder.ToTable("AccessSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(s => s.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Facet).HasMaxLength(20);
        // One snapshot of a facet per account and moment; access as of a moment is the latest at or before it.
        builder.HasIndex(s => new { s.AccountId, s.Facet, s.AsOf }).IsUnique();
        builder.HasIndex(s => s.BatchId);
        builder.Property(s => s.Changes).HasMaxLength(4000);
        builder.Property(s => s.UserType).HasMaxLength(40);
        builder.Property(s => s.Licence).HasMaxLength(200);
        builder.Property(s => s.Profile).HasMaxLength(200);
        builder.Property(s => s.Role).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.FederationId).HasMaxLength(512);
        builder.Property(s => s.Granted).HasMaxLength(300);
        builder.Property(s => s.Known).HasMaxLength(300);
        builder.Property(s => s.MfaMethods).HasMaxLength(300);
        // Moves with every export that finds the facet unchanged, and the last login with every sign-in:
        // bookkeeping, not a change of access, so no audit entry of its own.
        builder.Property(s => s.ConfirmedAt).HasAnnotation(AuditAnnotations.Ignored, true);
        builder.Property(s => s.LastLoginAt).HasAnnotation(AuditAnnotations.Ignored, true);
        builder.Ignore(s => s.Grants);
        builder.Ignore(s => s.User);
    }
}
