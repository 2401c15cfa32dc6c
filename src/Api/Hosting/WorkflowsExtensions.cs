using PerfWorkflow.Workflows;
using PerfWorkflow.Workflows.Attachments;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Hosting;

public static class WorkflowsExtensions
{
    /// <summary>
    /// The domain (<see cref="WorkflowServices.AddWorkflowServices"/>) with what this host gives it: the rules'
    /// policy ("Declarations") and the attachment limits ("Attachments") bound like every setting, and the
    /// working-day calendar read from the configured folder (a bad year file stops start-up with its name).
    /// </summary>
    public static void AddWorkflows(this WebApplicationBuilder builder)
    {
        builder.BindValidated<DeclarationRulesOptions>(DeclarationRulesOptions.SectionName);
        builder.BindValidated<AttachmentOptions>(AttachmentOptions.SectionName);
        var calendarFolder = builder.Configuration["Calendar:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, configured))
            : Path.Combine(AppContext.BaseDirectory, "calendar");
        builder.Services.AddSingleton(_ =>
        {
            try
            {
                return new WorkingDayCalendar(calendarFolder);
            }
            catch (CalendarConfigurationException ex)
            {
                throw new StartupException($"Working-day calendar in {calendarFolder} is invalid: {ex.Message}", ex);
            }
        });
        builder.Services.AddWorkflowServices();
        builder.Services.AddHostedService<PerfWorkflow.Api.Calendar.CalendarOverrideRefresher>();
    }
}
