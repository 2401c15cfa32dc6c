using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class DeclarationVersionConfiguration : IEntityTypeConfiguration<DeclarationVersion>
{
    public void Configure(EntityTypeBuilder<DeclarationVersion> builder)
    {
        builder.ToTable("declaration_versions");
        builder.HasIndex(v => new { v.DeclarationId, v.Number }).IsUnique();
        builder.Property(v => v.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(v => v.Stage).HasConversion<string>().HasMaxLength(32);
        builder.Property(v => v.Sha256).HasMaxLength(64);
    }
}
