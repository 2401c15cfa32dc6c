using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class TaskUrgeConfiguration : IEntityTypeConfiguration<TaskUrge>
{
    public void Configure(EntityTypeBuilder<TaskUrge> builder)
    {
        builder.ToTable("task_urges");
        builder.Property(u => u.HolderKey).HasMaxLength(80);
        // The rate limit of 催办: once per declaration, holder and day; a second insert is refused.
        builder.HasIndex(u => new { u.DeclarationId, u.HolderKey, u.Day }).IsUnique();
    }
}
