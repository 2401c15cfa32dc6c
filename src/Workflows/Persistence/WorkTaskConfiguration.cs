using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> builder)
    {
        builder.ToTable("work_tasks");
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.CandidateRole).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.CandidateSectionId).HasMaxLength(32);
        builder.Property(t => t.Outcome).HasMaxLength(32);
        builder.Property(t => t.DueBasis).HasConversion<string>().HasMaxLength(32);
        builder.Ignore(t => t.IsOpen);
        builder.HasIndex(t => new { t.DeclarationId, t.CompletedAt });
        builder.HasIndex(t => new { t.CompletedAt, t.DueAt });
        builder.HasIndex(t => new { t.AssigneeId, t.CompletedAt });
    }
}
