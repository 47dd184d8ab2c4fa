using IntegrationLedger.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.TargetKind).HasMaxLength(10);
        builder.Property(i => i.Target).HasMaxLength(255);
        builder.Property(i => i.Reason).HasMaxLength(2000);
        builder.Property(i => i.OpenedBy).HasMaxLength(320);
        builder.Property(i => i.ClosedBy).HasMaxLength(320);
        builder.Property(i => i.CloseNote).HasMaxLength(2000);
        builder.HasMany(i => i.Steps).WithOne().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Steps).HasField("_steps");
        builder.Ignore(i => i.IsClosed);
        builder.Ignore(i => i.Label);
        builder.Ignore(i => i.Left);
    }
}

internal sealed class IncidentStepConfiguration : IEntityTypeConfiguration<IncidentStep>
{
    public void Configure(EntityTypeBuilder<IncidentStep> builder)
    {
        builder.ToTable("IncidentSteps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => new { s.IncidentId, s.Number }).IsUnique();
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Target).HasMaxLength(320);
        builder.Property(s => s.Instruction).HasMaxLength(4000);
        builder.Property(s => s.Note).HasMaxLength(2000);
        builder.Property(s => s.SettledBy).HasMaxLength(320);
    }
}
