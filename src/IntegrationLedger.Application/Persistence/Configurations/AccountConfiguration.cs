using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("Accounts");
        builder.HasKey(a => a.Id);
        // Ids are made by the domain (version 7 GUIDs), so a new child found through a navigation is an insert, not an update.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Platform).HasMaxLength(40);
        builder.Property(a => a.Username).HasMaxLength(320);
        builder.HasIndex(a => new { a.Platform, a.Username }).IsUnique();
        builder.Property(a => a.PlatformUserId).HasMaxLength(18);
        builder.HasIndex(a => a.PlatformUserId);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
