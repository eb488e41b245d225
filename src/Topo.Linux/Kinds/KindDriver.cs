using System.Collections.Immutable;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;
using Topo.Linux.RunState;

namespace Topo.Linux.Kinds;

/// <summary>What a driver works with: the session's namespaces and the helpers several kinds share.</summary>
/// <param name="HostsDirectory">Where the nodes' hosts files go (<see cref="KernelOptions.HostsDirectory"/>).</param>
internal sealed record KindContext(NamespacePool Pool, NamespaceSteps Namespaces, LinkSteps Links, SysctlRecords SysctlRecords, string HostsDirectory);

/// <summary>Which steps may go to the kernel together, as one run (see <c>PlanRunner</c>).</summary>
internal enum StepRun
{
    /// <summary>On its own.</summary>
    Alone,

    /// <summary>Namespace creations, made two at a time.</summary>
    Namespaces,

    /// <summary>Veth creations: the pairs in one batch per namespace they are made in, then the ends placed elsewhere.</summary>
    Veths,

    /// <summary>Requests queued in one batch per namespace (<see cref="KindDriver.Queue"/>).</summary>
    Settings,

    /// <summary>Deletions of namespaces and interfaces, interfaces first, each namespace's in one request.</summary>
    Deletions,
}

/// <summary>
/// One kind's kernel side: make, change and delete its objects, and which run of like steps a step
/// of it joins. <see cref="KindDrivers"/> maps the resource type to it.
/// </summary>
internal abstract class KindDriver
{
    public abstract Type ResourceType { get; }

    public abstract void Create(Resource resource, KindContext context);

    public abstract void Update(Resource after, ImmutableArray<AttrChange> changes, KindContext context);

    public abstract void Delete(Resource resource, KindContext context);

    public virtual StepRun RunOf(ChangeAction action) => StepRun.Alone;

    /// <summary>For a step of a <see cref="StepRun.Settings"/> run: the namespace whose batch takes it, and what it queues there.</summary>
    public virtual (Netns Ns, Action<RtnlBatch> Build) Queue(Change step) =>
        throw new InvalidOperationException($"a {ResourceType.Name} is not queued with others");

    /// <summary>For a step of a <see cref="StepRun.Deletions"/> run: the one interface it deletes; null for a namespace.</summary>
    public virtual LinkEnd? DeletedInterface(Resource resource) => null;
}

/// <summary>The kernel side of kind <typeparamref name="T"/>, typed.</summary>
internal abstract class KindDriver<T> : KindDriver
    where T : Resource
{
    public sealed override Type ResourceType => typeof(T);

    public sealed override void Create(Resource resource, KindContext context) => Create((T)resource, context);

    public sealed override void Update(Resource after, ImmutableArray<AttrChange> changes, KindContext context) => Update((T)after, changes, context);

    public sealed override void Delete(Resource resource, KindContext context) => Delete((T)resource, context);

    public sealed override LinkEnd? DeletedInterface(Resource resource) => DeletedInterface((T)resource);

    protected abstract void Create(T resource, KindContext context);

    protected virtual void Update(T after, ImmutableArray<AttrChange> changes, KindContext context) =>
        throw new ArgumentException($"a {typeof(T).Name} cannot be changed in place");

    protected abstract void Delete(T resource, KindContext context);

    protected virtual LinkEnd? DeletedInterface(T resource) => null;
}

/// <summary>
/// The kernel side of a kind that is one interface (a bridge, a macvlan, a vxlan): its settings change in place on
/// the device, and it is deleted by its name.
/// </summary>
internal abstract class DeviceDriver<T> : KindDriver<T>
    where T : Resource
{
    protected abstract LinkEnd DeviceOf(T resource);

    protected sealed override void Update(T after, ImmutableArray<AttrChange> changes, KindContext context) =>
        context.Links.Update(DeviceOf(after), LinkSettings.Changed(changes));

    protected sealed override void Delete(T resource, KindContext context) => context.Links.Delete(DeviceOf(resource));
}

/// <summary>
/// The kernel side of a kind that is one request in its namespace and needs nothing there but its interface (an
/// address, a forwarding entry): its creations join the run's batch of that namespace, its deletions go one by one.
/// </summary>
internal abstract class QueuedDriver<T> : KindDriver<T>
    where T : Resource
{
    public sealed override StepRun RunOf(ChangeAction action) => action == ChangeAction.Create ? StepRun.Settings : StepRun.Alone;

    public sealed override (Netns Ns, Action<RtnlBatch> Build) Queue(Change step)
    {
        var resource = (T)step.After!;
        return (resource.Namespace, b => Add(b, resource));
    }

    protected sealed override void Create(T resource, KindContext x) => x.Pool.In(resource.Namespace).Client.Apply(b => Add(b, resource));

    protected sealed override void Delete(T resource, KindContext x) => x.Pool.In(resource.Namespace).Client.Apply(b => Remove(b, resource));

    protected abstract void Add(RtnlBatch batch, T resource);

    protected abstract void Remove(RtnlBatch batch, T resource);
}
