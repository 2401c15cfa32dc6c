namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

/// <summary>A scratch calendar folder, deleted after the test.</summary>
internal sealed class TempCalendarFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("calendar-").FullName;

    public void Write(string fileName, string json) => File.WriteAllText(System.IO.Path.Combine(Path, fileName), json);

    public void Delete(string fileName) => File.Delete(System.IO.Path.Combine(Path, fileName));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
