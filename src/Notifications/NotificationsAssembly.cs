namespace PerfWorkflow.Notifications;

/// <summary>Marks this assembly for scanning (consumers, templates).</summary>
public sealed class NotificationsAssembly;
