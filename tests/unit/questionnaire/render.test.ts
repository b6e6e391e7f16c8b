import { describe, expect, it } from 'vitest';
import {
  type Answers,
  escapeMarkdown,
  renderSubmissionHtml,
  renderSubmissionMarkdown,
  type SubmissionMeta,
} from '#shared/domain/questionnaire/index.ts';
import { FIXTURE } from './fixture.ts';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const meta: SubmissionMeta = {
  stateName: `Utopia ${XSS}`,
  version: 2,
  submittedAt: '2025-03-01T10:00:00.000Z',
  submittedBy: `focal.point@example.org" onmouseover="alert(1)`,
};
const answers: Answers = {
  'TIP.5.q1': 'yes',
  'TIP.5.q2': [
    { title: `Penal Code ${XSS}`, article: 'Art. 201 & 202', url: 'https://laws.example.org/pc?a=1&b="2"' },
    { title: 'Old decree', url: 'javascript:alert(1)' },
  ],
  'TIP.5.q3': [{ value: 12, year: 2022, label: `<b>${XSS}</b>` }],
  'TIP.9.q1': `Line one ${XSS}\n\nSecond paragraph`,
};

describe('renderSubmissionHtml', () => {
  const html = renderSubmissionHtml(FIXTURE, answers, meta);

  it('escapes every user-supplied string so no markup or handler survives', () => {
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]?.toLowerCase()));
    const allowed = [
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'h1',
      'h2',
      'h3',
      'p',
      'dl',
      'dt',
      'dd',
    ];
    allowed.push('section', 'div', 'ul', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br');
    expect([...tags].filter((t) => t === undefined || !allowed.includes(t))).toEqual([]);
    expect(html).toContain('example.org&quot; onmouseover=&quot;alert(1)');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Art. 201 &amp; 202');
  });

  it('links only http(s) citations and shows other URLs as text', () => {
    expect(html).toContain('<a href="https://laws.example.org/pc?a=1&amp;b=%222%22"');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('Old decree (javascript:alert(1))');
  });

  it('shows the metadata, every question and a marker for unanswered ones', () => {
    expect(html).toContain('<dt>Submission version</dt><dd>2</dd>');
    expect(html).toContain('2025-03-01T10:00:00.000Z');
    expect(html).toContain('<p class="choice">Yes</p>');
    expect(html).toContain('<td>2022</td><td>12</td>');
    expect(html.match(/class="question"/g)).toHaveLength(5);
    expect(html.match(/No answer/g)).toHaveLength(1);
    expect(html).toContain('<p>Second paragraph</p>');
  });
});

describe('renderSubmissionMarkdown', () => {
  const md = renderSubmissionMarkdown(FIXTURE, answers, meta);

  it('leaves no raw HTML or live link from user text', () => {
    expect(md).not.toMatch(/(^|[^\\])<script/);
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(md).toContain('\\<script\\>');
    expect(md).not.toContain('](javascript:');
  });

  it('renders headings, answers and a statistics table', () => {
    expect(md).toContain('## Cluster 1: Criminalization and jurisdiction');
    expect(md).toContain('### TIP.5 Criminalization');
    expect(md).toContain('**Yes**');
    expect(md).toContain('| Year | convictions | Note |');
    expect(md).toContain('- [Penal Code');
    expect(md).toContain('_No answer_');
    expect(md).toContain('> Second paragraph');
  });
});

describe('escapeMarkdown', () => {
  it('neutralizes block markers at line start and inline markup', () => {
    expect(escapeMarkdown('# title\n- item\n1. first\n[x](y) *b*')).toBe(
      '\\# title\n\\- item\n1\\. first\n\\[x\\]\\(y\\) \\*b\\*',
    );
  });
});
