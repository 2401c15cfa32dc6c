using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(a => a.Action).HasMaxLength(32);
        builder.Property(a => a.FromStage).HasMaxLength(32);
        builder.Property(a => a.ToStage).HasMaxLength(32);
        builder.Property(a => a.Ip).HasMaxLength(64);
        builder.HasIndex(a => a.DeclarationId);
        builder.HasIndex(a => a.PackageCycleYear);
    }
}
