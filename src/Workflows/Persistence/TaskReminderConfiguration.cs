using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class TaskReminderConfiguration : IEntityTypeConfiguration<TaskReminder>
{
    public void Configure(EntityTypeBuilder<TaskReminder> builder)
    {
        builder.ToTable("task_reminders");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        // The exactly-once guard of the sweep; it also serves "which reminders does this task have today".
        builder.HasIndex(r => new { r.TaskId, r.Kind, r.Day }).IsUnique();
    }
}
