"""doctree-resolved: replace each directive's request with nodes for the current builder.

Links are resolved here, with the builder, so they are right from any page depth and
for every builder (html, dirhtml, singlehtml, latex). HTML builders get Mermaid
diagrams; every builder gets the same facts as lists and tables.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinxcontrib.mermaid import mermaid

from .directives import knowledge_request, pdf_diagram, registry_unavailable_notice
from .domain import knowledge_domain
from .graph import Graph, composition_graph, path_graph, relation_graph
from .latex_diagrams import include_pdf_diagrams
from .loading import get_registry
from .mermaid import to_mermaid
from .model import Relation, TopicRef, folder_of
from .registry import Registry

LINE_NAMES = {"solid": "实线箭头", "dotted": "虚线箭头", "thick": "粗线箭头"}
LINE_GLYPHS = {"solid": "──▶", "dotted": "┄┄▶", "thick": "━━▶"}
PLANNED_MARK = "（规划中）"


class Renderer:
    """Builds nodes for one document; knows the registry, the builder and the page."""

    def __init__(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        self.app = app
        self.doctree = doctree
        registry = get_registry(app.env)
        assert registry is not None, "resolve_requests checks this first"
        self.registry: Registry = registry
        self.docname = docname
        current = self.registry.topic_by_page.get(docname)
        self.current_topic = current.id if current else None

    # -- links -----------------------------------------------------------------
    def uri(self, page: str) -> str | None:
        try:
            return self.app.builder.get_relative_uri(self.docname, page)
        except NoUri:
            return None

    def topic(self, topic_id: str, label: str | None = None, *, strong: bool = False) -> list[nodes.Node]:
        """The topic's name, linked to its page, or marked as planned."""
        text = label or self.registry.topics[topic_id].label
        page = self.registry.page_of(topic_id)
        uri = self.uri(page) if page else None
        inner: nodes.Node = nodes.strong(text, text) if strong else nodes.Text(text)
        if page is None:
            summary = self.registry.topics[topic_id].summary
            return [nodes.inline("", "", inner, nodes.Text(PLANNED_MARK), classes=["knowledge-planned"], title=summary)]
        if uri is None or page == self.docname:
            return [nodes.inline("", "", inner, classes=["knowledge-topic"])]
        return [
            nodes.reference(
                "",
                "",
                inner,
                internal=True,
                refuri=uri,
                classes=["knowledge-topic"],
                reftitle=self.registry.topics[topic_id].summary,
            )
        ]

    def topic_paragraph(
        self, topic_id: str, label: str | None = None, *, before: str = "", after: str = ""
    ) -> nodes.paragraph:
        """One line about a topic: optional text, the (linked) topic, optional text."""
        para = nodes.paragraph()
        if before:
            para += nodes.Text(before)
        para.extend(self.topic(topic_id, label))
        if after:
            para += nodes.Text(after)
        return para

    def ref(self, ref: TopicRef) -> list[nodes.Node]:
        return self.topic(ref.topic, ref.label)

    def joined(self, refs: list[TopicRef], separator: str) -> nodes.inline:
        out = nodes.inline()
        for i, ref in enumerate(refs):
            if i:
                out += nodes.Text(separator)
            out.extend(self.ref(ref))
        return out

    # -- diagrams --------------------------------------------------------------
    @property
    def draws_diagrams(self) -> bool:
        """HTML draws Mermaid in the browser, LaTeX includes it as vector PDF; other builders get text."""
        return self.app.builder.format in ("html", "latex")

    def diagram(self, graph: Graph, alt: str) -> list[nodes.Node]:
        if not self.draws_diagrams:
            return []  # the lists and tables that accompany every diagram carry its facts
        if self.app.builder.format == "latex":
            # Drawn for the whole document at once, in one browser session (see pdf_diagrams.py).
            return [pdf_diagram("", code=to_mermaid(graph, {}), alt=alt)]
        links = {}
        for node in graph.nodes:
            if node.page and node.page != self.docname and (uri := self.uri(node.page)):
                links[node.key] = uri
        chart = mermaid()
        chart["code"] = to_mermaid(graph, links)
        chart["options"] = {}
        chart["alt"] = alt
        return [nodes.container("", chart, classes=["knowledge-diagram"])]

    def legend(self, graph: Graph) -> list[nodes.Node]:
        items = [f"{LINE_GLYPHS[e.line]} {LINE_NAMES[e.line]}：{e.label}" for e in graph.legend]
        classes = {c for n in graph.nodes for c in n.classes}
        if "current" in classes:
            items.append("黄色节点：本页的主题")
        if "planned" in classes:
            items.append("灰色虚线框：规划中的主题（暂无页面，不可点击）")
        if not items:
            return []
        para = nodes.paragraph(classes=["knowledge-legend"])
        para += nodes.strong("图例：", "图例：")
        para += nodes.Text("；".join(items))
        return [para]

    # -- one method per directive kind --------------------------------------------
    def render_path(self, request: knowledge_request) -> list[nodes.Node]:
        path = self.registry.paths[request["argument"]]
        graph = path_graph(self.registry, path.id, current=self.current_topic, max_width=self.max_width)
        steps = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for step in path.steps:
            steps += nodes.list_item(
                "", self.topic_paragraph(step.topic, step.label, before=step.lead, after=f"（{step.reason}）")
            )
        out: list[nodes.Node] = [*self.diagram(graph, f"{path.name}：{path.title}"), self._label("推荐顺序："), steps]
        if path.goal is not None:
            para = nodes.paragraph()
            para += nodes.strong("目标：", "目标：")
            para.extend(self.topic(path.goal.topic, path.goal.label))
            out.append(para)
        if path.related:
            related = nodes.bullet_list()
            for item in path.related:
                related += nodes.list_item("", self.topic_paragraph(item.topic, item.label, after=f"（{item.reason}）"))
            out += [self._label("关联知识："), related]
        return out

    def render_path_summary(self, request: knowledge_request) -> list[nodes.Node]:
        listing = nodes.bullet_list(classes=["knowledge-path-summary"])
        for path in self.registry.document.paths:
            para = nodes.paragraph()
            heading = f"{path.name}：{path.title}" + (f"（{path.scope}）" if path.scope else "")
            para += nodes.strong(heading, heading)
            para += nodes.Text("：")
            for number, step in enumerate(path.steps, start=1):
                if number > 1:
                    para += nodes.Text(" → ")
                para.extend(self.topic(step.topic, step.label))
            if path.goal is not None:
                para += nodes.Text(" ⇒ ")
                para.extend(self.topic(path.goal.topic, path.goal.label))
            listing += nodes.list_item("", para)
        return [listing]

    def render_composition(self, request: knowledge_request) -> list[nodes.Node]:
        topic = str(request["argument"])
        item = self.registry.compositions[topic]
        graph = composition_graph(self.registry, topic, current=self.current_topic, max_width=self.max_width)
        para = nodes.paragraph()
        para.extend(self.topic(topic, item.title, strong=True))
        para += nodes.Text(" = ")
        para += self.joined(list(item.blocks), " + ")
        out: list[nodes.Node] = [*self.diagram(graph, f"{item.title} 的组成"), para]
        if item.note:
            out.append(nodes.paragraph(f"注：{item.note}", f"注：{item.note}", classes=["knowledge-note"]))
        return out

    def render_relations(self, request: knowledge_request) -> list[nodes.Node]:
        graph = relation_graph(
            self.registry,
            category=request.get("category"),
            topic=request.get("topic"),
            depth=request.get("depth", 1),
            current=self.current_topic,
            max_width=self.max_width,
        )
        shown = {(e.source, e.target) for e in graph.edges}
        relations = [r for r in self.registry.document.relations if (r.source, r.target) in shown]
        if self.app.builder.format != "html":
            # The diagram's content as sentences: the whole picture for builders that cannot draw
            # it, and in print (where nodes are not clickable) the relations spelled out.
            facts = nodes.bullet_list(classes=["knowledge-relations"])
            for relation in relations:
                facts += nodes.list_item("", self._relation_sentence(relation, note_separator="。注："))
            return [*self.diagram(graph, "文档间关系图"), *self.legend(graph), facts]
        out = [*self.diagram(graph, "文档间关系图"), *self.legend(graph)]
        annotated = [r for r in relations if r.note]
        if annotated:
            notes = nodes.bullet_list(classes=["knowledge-notes"])
            for relation in annotated:
                notes += nodes.list_item("", self._relation_sentence(relation, note_separator="："))
            out += [self._label("注："), notes]
        return out

    def _relation_sentence(self, relation: Relation, *, note_separator: str) -> nodes.paragraph:
        """'A 是 B 的基础', read from the relation type's label, followed by its note if any."""
        label = self.registry.relation_types[relation.type].label
        para = nodes.paragraph()
        para.extend(self.topic(relation.source))
        if "……" in label:
            before, after = label.split("……", 1)
            para += nodes.Text(f" {before} ")
            para.extend(self.topic(relation.target))
            para += nodes.Text(f" {after}")
        else:
            para += nodes.Text(" → ")
            para.extend(self.topic(relation.target))
            para += nodes.Text(f"（{label}）")
        if relation.note:
            para += nodes.Text(f"{note_separator}{relation.note}")
        return para

    def render_comparison(self, request: knowledge_request) -> list[nodes.Node]:
        comparison = self.registry.comparisons[request["argument"]]
        headers = [comparison.subject, *(c.title for c in comparison.columns)]
        table = nodes.table(classes=["knowledge-comparison"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        group.extend(nodes.colspec(colwidth=1) for _ in headers)
        head_row = nodes.row()
        for title in headers:
            head_row += nodes.entry("", nodes.paragraph(title, title))
        group += nodes.thead("", head_row)
        body = nodes.tbody()
        notes: list[tuple[int, str, str]] = []
        for row in comparison.rows:
            cells = nodes.row()
            cells += nodes.entry("", nodes.paragraph("", "", *self.topic(row.topic, row.label, strong=True)))
            for column in comparison.columns:
                para = nodes.paragraph()
                para += nodes.Text(row.cells[column.key])
                if column.key in row.notes:
                    notes.append(
                        (
                            len(notes) + 1,
                            f"{row.label or self.registry.topics[row.topic].label}·{column.title}",
                            row.notes[column.key],
                        )
                    )
                    para += nodes.superscript("", f"[{len(notes)}]")
                cells += nodes.entry("", para)
            body += cells
        group += body
        table.insert(0, nodes.title(comparison.title, comparison.title))
        self._assign_id(table, f"comparison-{comparison.id}")
        out: list[nodes.Node] = [table]
        if notes:
            notes_list = nodes.bullet_list(classes=["knowledge-notes"])
            for number, where, text in notes:
                notes_list += nodes.list_item(
                    "", nodes.paragraph(f"[{number}] {where}：{text}", f"[{number}] {where}：{text}")
                )
            out += [self._label("表注："), notes_list]
        return out

    def render_nav(self, request: knowledge_request) -> list[nodes.Node]:
        topic_id = request["argument"]
        registry = self.registry
        box = nodes.topic(classes=["knowledge-nav"])
        box += nodes.title("学习导航", "学习导航")
        fields = nodes.field_list()

        def field(name: str, body: list[nodes.Node]) -> None:
            fields.append(nodes.field("", nodes.field_name(name, name), nodes.field_body("", *body)))

        def linked(relations: list[Relation], other: Callable[[Relation], str]) -> list[nodes.Node]:
            para = nodes.paragraph()
            for i, relation in enumerate(relations):
                if i:
                    para += nodes.Text("、")
                para.extend(self.topic(other(relation)))
            return [para]

        ordering = {t.id for t in registry.document.relation_types if t.prerequisite}
        before = [r for r in registry.incoming(topic_id) if r.type in ordering]
        after = [r for r in registry.outgoing(topic_id) if r.type in ordering]
        field("前置知识", linked(before, lambda r: r.source) if before else [nodes.paragraph("", "无")])
        field("后续知识", linked(after, lambda r: r.target) if after else [nodes.paragraph("", "无")])
        positions = registry.positions(topic_id)
        if positions:
            items = nodes.bullet_list()
            for position in positions:
                para = nodes.paragraph()
                para += nodes.Text(
                    f"{position.path.name}（{position.path.title}） 第{position.index}步/共{position.total}步"
                )
                if position.previous:
                    para += nodes.Text(" · 上一步：")
                    para.extend(self.topic(position.previous))
                if position.next:
                    para += nodes.Text(" · 下一步：")
                    para.extend(self.topic(position.next))
                elif position.path.goal is not None:
                    para += nodes.Text(" · 目标：")
                    para.extend(self.topic(position.path.goal.topic, position.path.goal.label))
                items += nodes.list_item("", para)
            field("学习路径", [items])
        box += fields
        return [box]

    def render_tree(self, request: knowledge_request) -> list[nodes.Node]:
        """The section's folder, its category folders and the article files in each."""
        section = self.registry.sections[request["argument"]]
        section_item = nodes.list_item("", self._file_line(folder_of(section) or "./", section.title))
        subfolders = nodes.bullet_list()
        for category in self.registry.categories_in_section(section.id):
            files = self._files(folder_of(section, category), category.id)
            if not category.directory:
                if len(files):
                    section_item += files  # articles that sit in the section folder itself
                continue
            item = nodes.list_item("", self._file_line(f"{category.directory}/", category.title))
            if len(files):
                item += files
            subfolders += item
        if len(subfolders):
            section_item += subfolders
        return [nodes.bullet_list("", section_item, classes=["knowledge-tree"])]

    def _files(self, folder: str, category_id: str) -> nodes.bullet_list:
        files = nodes.bullet_list()
        for topic in self.registry.topics_in_category(category_id):
            if topic.page:  # validation guarantees the page lies in the category's folder
                line = self._file_line(topic.page.removeprefix(folder) + ".md", "")
                line.extend(self.topic(topic.id))
                files += nodes.list_item("", line)
        return files

    def _file_line(self, name: str, comment: str) -> nodes.paragraph:
        para = nodes.paragraph()
        para += nodes.literal(name, name)
        para += nodes.Text(f" — {comment}" if comment else " — ")
        return para

    def render_prerequisites(self, request: knowledge_request) -> list[nodes.Node]:
        section = self.registry.sections[request["argument"]]
        groups = nodes.bullet_list()
        for group in section.prerequisites:
            topics = nodes.bullet_list()
            for ref in group.topics:
                summary = self.registry.topics[ref.topic].summary
                topics += nodes.list_item("", self.topic_paragraph(ref.topic, ref.label, after=f"：{summary}"))
            item = nodes.list_item("", nodes.paragraph("", "", nodes.strong(group.title, group.title)))
            item += topics
            groups += item
        return [groups]

    def render_applications(self, request: knowledge_request) -> list[nodes.Node]:
        group = self.registry.application_groups[request["argument"]]
        items = nodes.bullet_list(classes=["knowledge-applications"])
        for item in group.items:
            para = nodes.paragraph()
            if item.topic:
                para.extend(self.topic(item.topic, item.title, strong=True))
            else:
                para += nodes.strong(item.title, item.title)
            para += nodes.Text("：")
            para += self.joined(list(item.blocks), " + " if item.kind == "composition" else "、")
            entry = nodes.list_item("", para)
            if item.note:
                entry += nodes.paragraph(f"注：{item.note}", f"注：{item.note}", classes=["knowledge-note"])
            items += entry
        return [items]

    def render_papers(self, request: knowledge_request) -> list[nodes.Node]:
        papers = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for paper in self.registry.document.papers:
            publication = self.registry.publications[paper.cite]  # validated on load
            para = nodes.paragraph()
            para += nodes.strong(publication.title, publication.title)
            para += nodes.Text(f" ({publication.year}) - {paper.about}。{publication.authors}")
            if publication.arxiv:
                url = f"https://arxiv.org/abs/{publication.arxiv}"
                para += nodes.Text("，")
                para += nodes.reference(f"arXiv:{publication.arxiv}", f"arXiv:{publication.arxiv}", refuri=url)
            elif publication.url:
                para += nodes.Text("，")
                para += nodes.reference(publication.url, publication.url, refuri=publication.url)
            if paper.topics:
                para += nodes.Text("。相关主题：")
                para += self.joined([TopicRef(topic=t) for t in paper.topics], "、")
            papers += nodes.list_item("", para)
        return [papers]

    def render_projects(self, request: knowledge_request) -> list[nodes.Node]:
        projects = nodes.bullet_list()
        for project in self.registry.document.projects:
            para = nodes.paragraph()
            para += nodes.strong(project.name, project.name)
            para += nodes.Text("：")
            para += nodes.reference(project.url, project.url, refuri=project.url)
            projects += nodes.list_item("", para)
        return [projects]

    def render_topics(self, request: knowledge_request) -> list[nodes.Node]:
        category = request.get("category")
        topics = self.registry.topics_in_category(category) if category else self.registry.document.topics
        listing = nodes.bullet_list(classes=["knowledge-topics"])
        for topic in topics:
            label = f"{topic.title}（{topic.title_en}）"
            listing += nodes.list_item("", self.topic_paragraph(topic.id, label, after=f"：{topic.summary}"))
        return [listing]

    def render_image_todo(self, request: knowledge_request) -> list[nodes.Node]:
        placeholders = knowledge_domain(self.app.env).placeholders
        pages = sorted(placeholders)
        if section_id := request.get("section"):
            folder = folder_of(self.registry.sections[section_id])
            pages = [page for page in pages if page.startswith(folder)]
        order = {t.page: i for i, t in enumerate(self.registry.document.topics) if t.page}
        pages.sort(key=lambda page: (order.get(page, len(order)), page))
        total = sum(len(placeholders[page]) for page in pages)
        summary = f"共 {total} 个待完成的配图，分布在 {len(pages)} 篇文章中。" if total else "目前没有待完成的配图。"
        out: list[nodes.Node] = [nodes.paragraph(summary, summary, classes=["knowledge-todo-count"])]
        for page in pages:
            title = self._page_title(page)
            uri = self.uri(page)
            heading = nodes.paragraph()
            heading += (
                nodes.reference("", "", nodes.strong(title, title), internal=True, refuri=uri)
                if uri
                else nodes.strong(title, title)
            )
            heading += nodes.Text(f"（{len(placeholders[page])} 个）")
            items = nodes.bullet_list()
            for record in placeholders[page]:
                text = f"{record.text}（第 {record.line} 行）"
                para = nodes.paragraph()
                para += (
                    nodes.reference(text, text, internal=True, refuri=f"{uri}#{record.target_id}")
                    if uri
                    else nodes.Text(text)
                )
                items += nodes.list_item("", para)
            out += [heading, items]
        return out

    def _page_title(self, page: str) -> str:
        topic = self.registry.topic_by_page.get(page)
        if topic is not None:
            return f"{topic.title}（{topic.title_en}）"
        title = self.app.env.titles.get(page)
        return title.astext() if title is not None else page

    # -- helpers -----------------------------------------------------------------
    @property
    def max_width(self) -> int:
        return self.app.config.knowledge_diagram_max_width

    def _assign_id(self, node: nodes.Element, wanted: str) -> None:
        """A stable id (HTML writers need one on titled tables), unique in the page."""
        candidate, n = wanted, 1
        while candidate in self.doctree.ids:
            n += 1
            candidate = f"{wanted}-{n}"
        node["ids"].append(candidate)
        self.doctree.ids[candidate] = node

    @staticmethod
    def _label(text: str) -> nodes.paragraph:
        return nodes.paragraph("", "", nodes.strong(text, text))


def resolve_requests(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved handler."""
    requests = list(doctree.findall(knowledge_request))
    if not requests:
        return
    if get_registry(app.env) is None:
        for request in requests:
            request.replace_self(registry_unavailable_notice())
        return
    renderer = Renderer(app, doctree, docname)
    for request in requests:
        method = getattr(renderer, f"render_{request['kind']}")
        request.replace_self(method(request) or [])
    if app.builder.format == "latex":
        include_pdf_diagrams(app, doctree)
