using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Persistence;

internal sealed class CalendarOverrideConfiguration : IEntityTypeConfiguration<CalendarOverride>
{
    public void Configure(EntityTypeBuilder<CalendarOverride> builder)
    {
        builder.ToTable("calendar_overrides");
        builder.HasIndex(o => o.Date);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.HolidayName).HasMaxLength(CalendarEditor.MaxNameLength);
        builder.Property(o => o.Note).HasMaxLength(CalendarEditor.MaxNoteLength);
        builder.Property(o => o.ActorName).HasMaxLength(100);
    }
}
