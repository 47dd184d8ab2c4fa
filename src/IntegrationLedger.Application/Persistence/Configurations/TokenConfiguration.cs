using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class TokenConfiguration : IEntityTypeConfiguration<Token>
{
    public void Configure(EntityTypeBuilder<Token> builder)
    {
        builder.ToTable("Tokens");
        builder.HasKey(t => t.Id);
        // Ids are made by the domain (version 7 GUIDs), so a new child found through a navigation is an insert, not an update.
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Label).HasMaxLength(200);
        builder.HasIndex(t => t.Label).IsUnique();
        builder.Property(t => t.Fingerprint).HasMaxLength(64).HasAnnotation(AuditAnnotations.Redacted, true);
        // One secret, one token: find must never have to choose.
        builder.HasIndex(t => t.Fingerprint).IsUnique().HasFilter("Fingerprint IS NOT NULL");
        builder.Property(t => t.LastFour).HasMaxLength(SecretEnding.LongestShown);
        builder.Property(t => t.RevocationNote).HasMaxLength(2000);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Usages).WithOne().HasForeignKey(u => u.TokenId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(t => t.Usages).HasField("_usages");
        builder.HasMany(t => t.FormerSecrets).WithOne().HasForeignKey(s => s.TokenId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(t => t.FormerSecrets).HasField("_formerSecrets");
        builder.Ignore(t => t.IsActive);
        builder.Ignore(t => t.EffectiveRotationDays);
        builder.Ignore(t => t.RotationDueAt);
        builder.Ignore(t => t.UsagesInEffect);
    }
}
