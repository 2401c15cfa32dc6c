using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Packages;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class PackageConfiguration : IEntityTypeConfiguration<Package>
{
    public void Configure(EntityTypeBuilder<Package> builder)
    {
        builder.ToTable("packages");
        builder.HasKey(p => p.CycleYear);
        builder.Property(p => p.CycleYear).ValueGeneratedNever();
        builder.Property(p => p.Stage).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.SnapshotSha256).HasMaxLength(64);
    }
}
