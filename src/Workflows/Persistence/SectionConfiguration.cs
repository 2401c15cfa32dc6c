using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.ToTable("sections");
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}
