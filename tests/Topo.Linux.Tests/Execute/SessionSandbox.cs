using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Execute;

/// <summary>A kernel sandbox with a session of a lab named after it and a state directory of its own.</summary>
internal sealed class SessionSandbox : IDisposable
{
    public SessionSandbox()
    {
        StateDirectory = Directory.CreateTempSubdirectory("topo-state-").FullName;
        Session = KernelSession.Open(Lab, Options);
    }

    public KernelSandbox Kernel { get; } = new();

    public string Lab => Kernel.Id;

    public string Mark => Ownership.Mark(Lab);

    public string StateDirectory { get; }

    public KernelOptions Options => new(Kernel.HostPath, NetnsDirectory.Default, StateDirectory);

    public KernelSession Session { get; }

    public static Change Create(Resource r) => new(ChangeAction.Create, null, r, []);

    public static Change Delete(Resource r) => new(ChangeAction.Delete, r, null, []);

    public static Change Update(Resource before, Resource after, params (string Name, string? Old, string New)[] attrs) =>
        new(ChangeAction.Update, before, after, [.. attrs.Select(a => new AttrChange(a.Name, a.Old, a.New))]);

    /// <summary>Plans against what the kernel holds and carries the plan out; returns the steps taken.</summary>
    public Plan Apply(LabState desired)
    {
        var result = Planner.Plan(desired, Session.Read(desired));
        Assert.True(result.Ok, string.Join("; ", result.Conflicts.Select(c => c.ToString())));
        foreach (var step in result.Plan.Steps) Session.Execute(step);
        return result.Plan;
    }

    /// <summary>The plan that would make the kernel match <paramref name="desired"/> now.</summary>
    public Plan PlanNow(LabState desired) => Planner.Plan(desired, Session.Read(desired)).Plan;

    public string HostSysctl(string key) => Kernel.Witness("cat", "/proc/sys/" + key.Replace('.', '/')).Trim();

    public void Dispose()
    {
        Session.Dispose();
        Kernel.Dispose();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
