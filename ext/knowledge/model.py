"""The shape of ``registry.yaml``: one pydantic model per kind of entry.

The same classes validate the YAML and generate the JSON Schema that editors use
for completion (``python -m knowledge schema``), so the two never disagree.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$"),
    Field(description="Stable identifier: lower-case letters, digits and '-'."),
]
Text = Annotated[str, StringConstraints(min_length=1)]
Folder = Annotated[
    str,
    StringConstraints(pattern=r"^(\.|[A-Za-z0-9_][A-Za-z0-9_./+-]*)$"),
    Field(description="Folder under source/, e.g. 'video'; '.' for source/ itself."),
]
PageName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./+-]*$"),
    Field(description="Document name relative to source/, without suffix, e.g. 'video/generation/what-is-VAE'."),
]


class Entry(BaseModel):
    """Base of every entry: unknown fields are errors, data is immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TopicRef(Entry):
    """A reference to a topic, optionally shown under another label (e.g. '3D CNN')."""

    topic: Id
    label: Text | None = Field(None, description="Text shown instead of the topic's short name.")


def _topic_ref_from_string(value: Any) -> Any:
    # Authors write plain ids ('vae') almost everywhere; the mapping form is for label overrides.
    return {"topic": value} if isinstance(value, str) else value


TopicRefInput = Annotated[TopicRef, BeforeValidator(_topic_ref_from_string, json_schema_input_type=Id | TopicRef)]


class PrerequisiteGroup(Entry):
    title: Text = Field(description="Group heading, e.g. '必需' or '推荐'.")
    topics: list[TopicRefInput] = Field(min_length=1)


class Section(Entry):
    """A part of the guide with its own directory and index page (e.g. video/)."""

    id: Id
    title: Text
    directory: Folder
    index: PageName = Field(description="The section's index page, e.g. 'video/index'.")
    summary: Text
    prerequisites: list[PrerequisiteGroup] = Field(default_factory=list)


class Category(Entry):
    id: Id
    title: Text = Field(description="Chinese title, e.g. '视频生成技术'.")
    title_en: Text
    section: Id
    directory: Folder | None = Field(
        None, description="Sub-directory inside the section's directory; omit when articles sit in the section itself."
    )
    summary: Text


class Topic(Entry):
    id: Id
    title: Text = Field(description="Chinese title, e.g. '变分自编码器'.")
    title_en: Text = Field(description="English title, e.g. 'Variational Autoencoder'.")
    short: Text | None = Field(
        None, description="Short name used in diagrams and tables, e.g. 'VAE'; defaults to title_en."
    )
    category: Id
    page: PageName | None = Field(None, description="The topic's article, if it has (or will have) one.")
    planned: bool = Field(False, description="True while the article at 'page' is not written yet.")
    summary: Text = Field(description="One sentence saying what the topic is.")

    @property
    def label(self) -> str:
        return self.short or self.title_en


class RelationType(Entry):
    id: Id
    label: Text = Field(description="How to read an edge A → B, e.g. '是……的基础'.")
    line: Literal["solid", "dotted", "thick"] = Field(description="How edges of this type are drawn.")
    prerequisite: bool = Field(True, description="True when the source must be learnt before the target.")


class Relation(Entry):
    source: Id
    target: Id
    type: Id
    note: Text | None = Field(None, description="A precise comment where the short form is imprecise.")


class PathStep(Entry):
    topic: Id
    label: Text | None = None
    lead: Text = Field("学", description="The verb before the topic, e.g. '先学'.")
    reason: Text = Field(description="Why this step, e.g. '理解压缩和潜在空间'.")


class PathGoal(Entry):
    topic: Id
    label: Text = Field(description="How the goal is named, e.g. 'Sora理解'.")


class RelatedTopic(Entry):
    topic: Id
    label: Text | None = None
    reason: Text


class LearningPath(Entry):
    id: Id
    name: Text = Field(description="Short name used in navigation, e.g. '路径1'.")
    title: Text = Field(description="e.g. '视频生成'.")
    scope: Text | None = Field(None, description="What the path is for, e.g. '文生视频/图像生成'.")
    steps: list[PathStep] = Field(min_length=2)
    goal: PathGoal | None = None
    related: list[RelatedTopic] = Field(default_factory=list)


class ComparisonColumn(Entry):
    key: Id
    title: Text


class ComparisonRow(Entry):
    topic: Id
    label: Text | None = None
    cells: dict[str, Text] = Field(description="One value per column key.")
    notes: dict[str, Text] = Field(
        default_factory=dict, description="Precise notes on a cell's claim, keyed by column, with their source."
    )


class Comparison(Entry):
    id: Id
    title: Text
    subject: Text = Field(description="Heading of the first column, e.g. '模型'.")
    columns: list[ComparisonColumn] = Field(min_length=1)
    rows: list[ComparisonRow] = Field(min_length=1)


class ApplicationItem(Entry):
    title: Text
    topic: Id | None = Field(None, description="The topic this application is, when it is one (e.g. 'sora').")
    kind: Literal["composition", "examples"] = Field(
        description="'composition': built from the blocks (A + B); 'examples': methods used for it (A、B)."
    )
    blocks: list[TopicRefInput] = Field(min_length=1)
    note: Text | None = None


class ApplicationGroup(Entry):
    id: Id
    title: Text
    items: list[ApplicationItem] = Field(min_length=1)


class Paper(Entry):
    """A paper of the further-reading list; its title, authors and year come from the BibTeX file."""

    cite: Text = Field(description="Key of the entry in source/references.bib, e.g. 'ho2020ddpm'.")
    about: Text = Field(description="What the paper is to this guide, e.g. 'Transformer原论文'.")
    topics: list[Id] = Field(default_factory=list)


class Project(Entry):
    name: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")]
    topic: Id | None = None


class RegistryDocument(Entry):
    """The whole registry file."""

    version: Literal[1] = Field(description="Format version of this file.")
    sections: list[Section] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)
    relation_types: list[RelationType] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    paths: list[LearningPath] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)
    applications: list[ApplicationGroup] = Field(default_factory=list)
    papers: list[Paper] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)


def folder_of(section: Section, category: Category | None = None) -> str:
    """Page-name prefix of a section or of a category in it: 'video/', 'video/generation/', '' for source/."""
    parts = [section.directory, category.directory if category else None]
    return "".join(f"{part}/" for part in parts if part and part != ".")


def all_field_names() -> set[str]:
    """Every field name of every entry model: the vocabulary for 'did you mean' hints."""
    names: set[str] = set()
    for model in Entry.__subclasses__():
        names.update(model.model_fields)
    return names
