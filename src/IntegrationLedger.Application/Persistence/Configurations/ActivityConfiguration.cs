using IntegrationLedger.Domain.Activity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationLedger.Application.Persistence.Configurations;

/// <summary>
/// The activity baselines: derived from the events at import (and rebuilt from them by <c>ledger activity
/// rebuild</c>), so they are not audited row by row; each table is keyed by what the rules look it up by.
/// The three per-day tables are WITHOUT ROWID tables in SQLite (migration BaselinesWithoutRowid), which EF Core
/// cannot express: a migration that rebuilds one of them must create it with that clause again.
/// </summary>
internal sealed class ActivityDayConfiguration : IEntityTypeConfiguration<ActivityDay>
{
    public void Configure(EntityTypeBuilder<ActivityDay> builder)
    {
        builder.ToTable("ActivityDays");
        builder.HasKey(d => new { d.Scope, d.Subject, d.Day });
        builder.Property(d => d.Subject).HasMaxLength(320);
    }
}

internal sealed class ActivityObjectConfiguration : IEntityTypeConfiguration<ActivityObject>
{
    public void Configure(EntityTypeBuilder<ActivityObject> builder)
    {
        builder.ToTable("ActivityObjects");
        builder.HasKey(o => new { o.Scope, o.Subject, o.Day, o.Entity });
        builder.Property(o => o.Subject).HasMaxLength(320);
        builder.Property(o => o.Entity).HasMaxLength(200);
    }
}

internal sealed class ActivitySourceConfiguration : IEntityTypeConfiguration<ActivitySource>
{
    public void Configure(EntityTypeBuilder<ActivitySource> builder)
    {
        builder.ToTable("ActivitySources");
        builder.HasKey(s => new { s.Scope, s.Subject, s.Day, s.Source });
        builder.Property(s => s.Subject).HasMaxLength(320);
        builder.Property(s => s.Source).HasMaxLength(64);
    }
}

internal sealed class BulkJobConfiguration : IEntityTypeConfiguration<BulkJob>
{
    public void Configure(EntityTypeBuilder<BulkJob> builder)
    {
        builder.ToTable("BulkJobs");
        builder.HasKey(j => j.JobId);
        builder.Property(j => j.JobId).HasMaxLength(18);
        builder.Property(j => j.UserId).HasMaxLength(18);
        builder.Property(j => j.Username).HasMaxLength(320);
        builder.Property(j => j.Entity).HasMaxLength(200);
        builder.Property(j => j.Operation).HasMaxLength(40);
    }
}

internal sealed class FailedLoginHourConfiguration : IEntityTypeConfiguration<FailedLoginHour>
{
    public void Configure(EntityTypeBuilder<FailedLoginHour> builder)
    {
        builder.ToTable("FailedLoginHours");
        builder.HasKey(h => new { h.Username, h.Hour });
        builder.Property(h => h.Username).HasMaxLength(320);
    }
}
