using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>Faults the simulator injects: HTTP errors before or after handling a request, and task outcomes.</summary>
public sealed class SimFaults
{
    private readonly List<RequestFault> _requestFaults = [];
    private readonly List<TaskFault> _taskFaults = [];
    private readonly object _gate = new();

    /// <summary>The next <paramref name="count"/> matching requests get <paramref name="status"/> without being handled.</summary>
    public void FailRequests(string method, string pathPattern, int count, int status, string message) =>
        Add(new RequestFault(method, new Regex(pathPattern), count, status, message, AfterHandling: false));

    /// <summary>The next matching requests are handled (the change happens) but answered with an error.</summary>
    public void FailAfterHandling(string method, string pathPattern, int count, int status, string message) =>
        Add(new RequestFault(method, new Regex(pathPattern), count, status, message, AfterHandling: true));

    /// <summary>
    /// The next matching requests get no answer: the connection is reset, before the request is handled or (with
    /// <paramref name="afterHandling"/>) after the change happened.
    /// </summary>
    public void DropRequests(string method, string pathPattern, int count, bool afterHandling = false) =>
        Add(new RequestFault(method, new Regex(pathPattern), count, DroppedStatus, "connection reset", afterHandling));

    internal const int DroppedStatus = 0;

    /// <summary>The next <paramref name="count"/> tasks of <paramref name="type"/> end with this exit status and extra log lines.</summary>
    public void FailTasks(string type, int count, string exitStatus, params string[] log)
    {
        lock (_gate) _taskFaults.Add(new TaskFault(type, count, exitStatus, log));
    }

    /// <summary>Forgets every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requestFaults.Clear();
            _taskFaults.Clear();
        }
    }

    private void Add(RequestFault fault)
    {
        lock (_gate) _requestFaults.Add(fault);
    }

    internal RequestFault? TakeRequestFault(string method, string path, bool afterHandling)
    {
        lock (_gate)
        {
            var fault = _requestFaults.FirstOrDefault(f => f.Remaining > 0 && f.AfterHandling == afterHandling && f.Method == method && f.Path.IsMatch(path));
            if (fault is not null) fault.Remaining--;
            return fault;
        }
    }

    internal TaskFault? TakeTaskFault(string type)
    {
        lock (_gate)
        {
            var fault = _taskFaults.FirstOrDefault(f => f.Remaining > 0 && f.Type == type);
            if (fault is not null) fault.Remaining--;
            return fault;
        }
    }

    internal sealed record RequestFault(string Method, Regex Path, int Count, int Status, string Message, bool AfterHandling)
    {
        public int Remaining { get; set; } = Count;
    }

    internal sealed record TaskFault(string Type, int Count, string ExitStatus, string[] Log)
    {
        public int Remaining { get; set; } = Count;
    }
}
