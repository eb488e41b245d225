using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>What commands make an object by hand, and where a picture of the lab draws it.</summary>
/// <param name="Mark">The lab's mark, as every interface and namespace carries it.</param>
/// <param name="Sysctls">How a sysctl is written and put back, with where topo keeps the value it found.</param>
internal sealed record ExplainContext(string Mark, SysctlCommands Sysctls);

/// <summary>
/// The text part of one kind: the <c>ip</c>/<c>nft</c>/<c>sysctl</c> commands of its steps, and its
/// part of the graph. Each kind's file holds its own, and <see cref="KindTexts"/> maps the resource
/// type to it, so a kind without one fails a test rather than a user's command.
/// </summary>
public abstract class KindText
{
    private protected KindText()
    {
    }

    public abstract Type ResourceType { get; }

    /// <summary>Which pass of the graph draws it: boxes first, then addresses (which colour boxes and label lines), then the rest.</summary>
    internal virtual GraphPass Pass => GraphPass.Lines;

    internal abstract IEnumerable<string> Create(Resource resource, ExplainContext context);

    /// <summary>A creation of what was destroyed along with another object and may have survived.</summary>
    internal virtual IEnumerable<string> Recreate(Resource resource, ExplainContext context) => Create(resource, context);

    internal abstract IEnumerable<string> Update(Resource after, ImmutableArray<AttrChange> changes, ExplainContext context);

    internal abstract IEnumerable<string> Delete(Resource resource, ExplainContext context);

    internal abstract void Draw(Resource resource, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces);
}

/// <summary>The text part of kind <typeparamref name="T"/>, typed.</summary>
public abstract class KindText<T> : KindText
    where T : Resource
{
    public sealed override Type ResourceType => typeof(T);

    internal sealed override IEnumerable<string> Create(Resource resource, ExplainContext context) => Create((T)resource, context);

    internal sealed override IEnumerable<string> Recreate(Resource resource, ExplainContext context) => Recreate((T)resource, context);

    internal sealed override IEnumerable<string> Update(Resource after, ImmutableArray<AttrChange> changes, ExplainContext context) =>
        Update((T)after, changes, context);

    internal sealed override IEnumerable<string> Delete(Resource resource, ExplainContext context) => Delete((T)resource, context);

    internal sealed override void Draw(Resource resource, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        Draw((T)resource, state, draft, interfaces);

    private protected abstract IEnumerable<string> Create(T resource, ExplainContext context);

    private protected virtual IEnumerable<string> Recreate(T resource, ExplainContext context) => Create(resource, context);

    private protected virtual IEnumerable<string> Update(T after, ImmutableArray<AttrChange> changes, ExplainContext context) =>
        throw new ArgumentException($"a {typeof(T).Name} cannot be changed in place");

    private protected abstract IEnumerable<string> Delete(T resource, ExplainContext context);

    /// <summary>Most objects are part of a box or line another draws; nothing of their own.</summary>
    private protected virtual void Draw(T resource, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces)
    {
    }
}

internal enum GraphPass
{
    Boxes,
    Addresses,
    Lines,
}

/// <summary>The text part of a kind that is one interface: its changed settings set on the device, deleted by its name.</summary>
public abstract class DeviceText<T> : KindText<T>
    where T : Resource
{
    private protected abstract LinkEnd DeviceOf(T resource);

    private protected sealed override IEnumerable<string> Update(T after, ImmutableArray<AttrChange> changes, ExplainContext context) =>
        LinkCommands.Update(DeviceOf(after), LinkSettings.Changed(changes), context.Mark);

    private protected sealed override IEnumerable<string> Delete(T resource, ExplainContext context) => [LinkCommands.Delete(DeviceOf(resource))];
}
