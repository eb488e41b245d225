using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.Kinds;
using Topo.Linux.Read;
using Topo.Linux.RunState;
using Topo.Core.Validation;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;
using Topo.Core.Kinds;

namespace Topo.Linux;

/// <summary>
/// One lab's conversation with the kernel: read its actual state, carry out plan steps. Holds a thread and an rtnetlink client in the host namespace from the start, and one per
/// other namespace from its first use until the namespace is deleted or the session disposed.
/// Used by one caller at a time.
/// </summary>
public sealed class KernelSession : ILabKernel, IDisposable
{
    // The deleted namespaces' veth ends usually leave within milliseconds; a loaded machine may take a while.
    private static readonly TimeSpan DepartureTimeout = TimeSpan.FromSeconds(30);

    private readonly NamespacePool _pool;
    private readonly LabStateReader _reader;
    private readonly NftListingCache _hostListing;
    private readonly NamespaceSteps _namespaces;
    private readonly StepRunner _runner;
    private readonly PlanRunner _plan;
    private readonly AttachedRecord _attached;
    private readonly SysctlRecords _sysctls;
    private readonly string _hostPath;

    private KernelSession(string lab, KernelOptions options, NamespacePool pool)
    {
        Lab = lab;
        _pool = pool;
        var mark = Ownership.Mark(lab);
        var records = new SysctlRecords(options.StateDirectory, lab);
        _hostListing = new NftListingCache(options.StateDirectory, lab);
        _reader = new LabStateReader(lab, pool, records, _hostListing, options.HostNamespacePath, options.HostsDirectory);
        _namespaces = new NamespaceSteps(mark, pool, name => NamespaceMounted?.Invoke(name));
        var links = new LinkSteps(mark, pool);
        _sysctls = records;
        var kinds = new KindContext(pool, _namespaces, links, records, options.HostsDirectory);
        _runner = new StepRunner(kinds);
        _plan = new PlanRunner(kinds, _runner, new DeletionRun(pool, _namespaces, new GroupDeletion(pool, links)));
        _attached = new AttachedRecord(options.StateDirectory, lab);
        _hostPath = options.HostNamespacePath;
    }

    public string Lab { get; }

    /// <summary>Told each namespace's name as it becomes visible under it; creations run side by side (crash tests kill the process here).</summary>
    public event Action<string>? NamespaceMounted;

    /// <summary>Opens the host namespace of <paramref name="options"/>: a thread inside it and its rtnetlink client.</summary>
    /// <exception cref="ArgumentException">The lab name is not one a lab file allows (it names a directory).</exception>
    public static KernelSession Open(string lab, KernelOptions options)
    {
        if (!LabName.IsValid(lab)) throw new ArgumentException($"'{lab}' is not a lab name ([a-z][a-z0-9-]*)", nameof(lab));
        var host = NamespaceContext.Adopt(Netns.Host, NamespaceThread.Enter(options.HostNamespacePath, "host"));
        return new KernelSession(lab, options, new NamespacePool(new NetnsDirectory(options.NetnsDirectory), host, options.NftLibrary));
    }

    /// <summary>
    /// The lab's actual state, in the shape of <paramref name="desired"/>: its namespaces and those
    /// named like its nodes, the existing namespaces it attaches to now or did at its last apply, their
    /// links, addresses and routes, its nftables tables, and the sysctls it wants or once changed on the host.
    /// </summary>
    /// <exception cref="KernelException">A namespace the lab attaches to is not there, or is the host's or one of the lab's own; nothing was read.</exception>
    public LabState Read(LabState desired)
    {
        foreach (var node in desired.Attached)
        {
            if (AttachedCheck.Refusal(node, desired, _hostPath, _pool.Directory) is { } refusal) throw refusal;
        }

        OpenHostNftEarly(desired);
        return _reader.Read(
            desired.Resources.OfType<NamespaceResource>().Select(n => n.Name),
            StillThere(desired.Attached.Select(a => a.Ns)),
            desired.Resources.OfType<SysctlResource>().ToList(),
            desired.Resources.OfType<HostsFileResource>().Select(h => h.Node));
    }

    // libnftables (1.0.6, Debian 12) waits for the kernel's answer to a batch with select(), which
    // aborts the process on a descriptor of 1024 or more (FD_SETSIZE), and its context opens its
    // socket when it is made. Made lazily at the table's step, after a large lab's namespaces each
    // got a socket and a handle, it got such a descriptor and apply of 1000 nodes died. So a lab
    // with host rules makes the context first, while descriptors are still low; a missing library
    // is reported by the step that needs it, with that step's context.
    private void OpenHostNftEarly(LabState desired)
    {
        if (!desired.Resources.OfType<NftTableResource>().Any(t => t.Ns.IsHost && t.Rules.Length > 0)) return;
        try
        {
            _pool.Nft(Netns.Host);
        }
        catch (KernelException)
        {
        }
    }

    /// <summary>
    /// Everything that carries the lab's mark, for <c>down</c>: in its named namespaces, the host, and the
    /// attached namespaces that its last apply recorded or <paramref name="attached"/> names (from the file), where they still are.
    /// The addresses and routes inside the lab's named namespaces are left unread, as deleting a namespace deletes them.
    /// </summary>
    public LabState ReadOwned(IEnumerable<Netns>? attached = null)
    {
        var all = _reader.Read([], StillThere(attached ?? []), [], [], ReadDepth.Links);
        return all with { Resources = [.. all.Resources.Where(r => r.Owner == Lab)] };
    }

    /// <summary>
    /// For <c>down</c> of a file: removes each name of <paramref name="namespaces"/> (the file's) that is an
    /// empty file with no namespace on it, as an apply killed between making the name and mounting leaves; returns their paths.
    /// </summary>
    public IReadOnlyList<string> RemovePlaceholders(IEnumerable<string> namespaces) => _pool.Directory.RemovePlaceholders(namespaces);

    /// <summary>Before an apply changes anything: the attached namespaces it may leave objects in (and its nodes on the host network, for <c>exec --lab</c>).</summary>
    public void RecordAttached(LabState desired) => _attached.Add(desired.Shared);

    /// <summary>After an apply succeeded: exactly the file's attached namespaces hold the lab's objects.</summary>
    public void SettleAttached(LabState desired) => _attached.Replace(desired.Shared);

    /// <summary>
    /// After an apply succeeded: the lab holds every host sysctl it wants, also one another lab had set
    /// already, so that the other's <c>down</c> leaves it as this lab wants it.
    /// </summary>
    public void HoldSysctls(LabState desired) =>
        _sysctls.Hold(desired.Resources.OfType<SysctlResource>().Where(s => s.Ns.IsHost).Select(s => s.Name));

    /// <summary>After <c>down</c>: no attached namespace holds anything of the lab's, and no listing of its table is worth keeping.</summary>
    public void ForgetLab()
    {
        _attached.Replace([]);
        // Last: it takes the lab's state directory away once nothing is left in it.
        _hostListing.Forget();
    }

    // A recorded namespace whose process has ended is gone, and the lab's interfaces in it with it.
    private List<Netns> StillThere(IEnumerable<Netns> wanted) =>
        [.. wanted.Concat(_attached.Paths()).Distinct().Where(ns => File.Exists(ns.Id))];

    /// <summary>Carries out one plan step.</summary>
    /// <exception cref="KernelException">The step failed; the context names its object.</exception>
    public void Execute(Change step) => _runner.Run(step);

    /// <summary>
    /// Carries out a whole plan, sending runs of independent steps to the kernel together, and calls
    /// <paramref name="onStepDone"/> with each step's index, in plan order, once that step is in the kernel.
    /// </summary>
    /// <exception cref="StepFailedException">A step failed; the steps before it were reported done, later ones of its batch may be in the kernel.</exception>
    /// <param name="onRunStarting">Called with the index of the first step of each run of steps sent together, before it is sent.</param>
    /// <param name="before">The state read before the plan was made; with it, the interfaces that deleted namespaces would leave behind for a while go at once.</param>
    public void Execute(IReadOnlyList<Change> steps, Action<int> onStepDone, Action<int>? onRunStarting = null, LabState? before = null) =>
        _plan.Run(steps, onStepDone, onRunStarting, before);

    /// <summary>
    /// Returns once the host, and each attached namespace still there, no longer holds the veth ends
    /// (or macvlans) whose peers (parents) were in the namespaces that <paramref name="executed"/>
    /// deleted; <paramref name="before"/> is the state read before those steps.
    /// </summary>
    public void WaitUntilGone(IEnumerable<Change> executed, LabState before)
    {
        foreach (var (ns, ends) in LingeringEnds.ByNamespace(before, executed))
        {
            if (ns.IsHost || (ns.IsAttached && File.Exists(ns.Id))) new KernelReader(_pool.In(ns).Thread, _pool.Directory).WaitUntilGone(ends, DepartureTimeout);
        }
    }

    public void Dispose() => _pool.Dispose();
}
