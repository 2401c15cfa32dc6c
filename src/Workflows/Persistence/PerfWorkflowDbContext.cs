using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Persistence;

/// <summary>The one database of the product: PostgreSQL in production, SQLite in the embedded profile.</summary>
public sealed class PerfWorkflowDbContext(DbContextOptions<PerfWorkflowDbContext> options) : DbContext(options)
{
    public DbSet<Section> Sections => Set<Section>();

    public DbSet<AppUser> Users => Set<AppUser>();

    public DbSet<BudgetCycle> BudgetCycles => Set<BudgetCycle>();

    public DbSet<Declaration> Declarations => Set<Declaration>();

    public DbSet<DeclarationVersion> DeclarationVersions => Set<DeclarationVersion>();

    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();

    public DbSet<WorkTask> Tasks => Set<WorkTask>();

    public DbSet<TaskReminder> TaskReminders => Set<TaskReminder>();

    public DbSet<ReminderDigest> ReminderDigests => Set<ReminderDigest>();

    public DbSet<Notices.NotificationSetting> NotificationSettings => Set<Notices.NotificationSetting>();

    public DbSet<Notices.ReviewDigestItem> ReviewDigestItems => Set<Notices.ReviewDigestItem>();

    public DbSet<TaskUrge> TaskUrges => Set<TaskUrge>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Package> Packages => Set<Package>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DeadLetterMessage> DeadLetterMessages => Set<DeadLetterMessage>();

    public DbSet<MailDelivery> MailDeliveries => Set<MailDelivery>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<CalendarOverride> CalendarOverrides => Set<CalendarOverride>();

    public DbSet<PerfWorkflow.Workflows.Attachments.Attachment> Attachments => Set<PerfWorkflow.Workflows.Attachments.Attachment>();
    public DbSet<Import.ImportPreview> ImportPreviews => Set<Import.ImportPreview>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PerfWorkflowDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks there, timestamptz on PostgreSQL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
        else
        {
            // timestamptz stores instants; Npgsql accepts only offset 0, and deadlines are computed in +08:00.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcConverter>();
        }
    }
}
