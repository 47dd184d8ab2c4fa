using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> builder)
    {
        builder.ToTable("Integrations");
        builder.HasKey(i => i.Id);
        // Ids are made by the domain (version 7 GUIDs), so a new child found through a navigation is an insert, not an update.
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.HasIndex(i => i.Name).IsUnique();
        builder.Property(i => i.Vendor).HasMaxLength(200);
        builder.Property(i => i.Purpose).HasMaxLength(2000);
        builder.Property(i => i.Environment).HasMaxLength(40);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(i => i.AttributionRules).WithOne().HasForeignKey(r => r.IntegrationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.AttributionRules).HasField("_attributionRules");
        builder.HasMany(i => i.AllowedNetworks).WithOne().HasForeignKey(n => n.IntegrationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.AllowedNetworks).HasField("_allowedNetworks");
        builder.HasMany(i => i.VettingRecords).WithOne().HasForeignKey(v => v.IntegrationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.VettingRecords).HasField("_vettingRecords");
        builder.Ignore(i => i.LatestVetting);
    }
}

internal sealed class AttributionRuleConfiguration : IEntityTypeConfiguration<AttributionRule>
{
    public void Configure(EntityTypeBuilder<AttributionRule> builder)
    {
        builder.ToTable("AttributionRules");
        builder.HasKey(r => r.Id);
        // Ids are made by the domain (version 7 GUIDs), so a new child found through a navigation is an insert, not an update.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Value).HasMaxLength(400);
        builder.HasIndex(r => new { r.Kind, r.Value });
    }
}

internal sealed class AllowedNetworkConfiguration : IEntityTypeConfiguration<AllowedNetwork>
{
    public void Configure(EntityTypeBuilder<AllowedNetwork> builder)
    {
        builder.ToTable("AllowedNetworks");
        builder.HasKey(n => n.Id);
        // Ids are made by the domain (version 7 GUIDs), so a new child found through a navigation is an insert, not an update.
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Cidr).HasMaxLength(64);
    }
}

internal sealed class VettingRecordConfiguration : IEntityTypeConfiguration<VettingRecord>
{
    public void Configure(EntityTypeBuilder<VettingRecord> builder)
    {
        builder.ToTable("VettingRecords");
        builder.HasKey(v => v.Id);
        // Ids are made by the domain (version 7 GUIDs), so a new child found through a navigation is an insert, not an update.
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Reviewer).HasMaxLength(200);
        builder.Property(v => v.EvidenceReference).HasMaxLength(2000);
    }
}
