// Static text bodies: /html (a public-domain passage of Moby-Dick, chapter 113), /xml, /json,
// /robots.txt, /deny, /encoding/utf8, /forms/post and the landing page. Written for httpkit;
// shapes follow httpbin (same headings, same sample document structure, same robots rules).
import type { JsonValue } from './pyjson.js';

/** /html: an HTML page with a passage of Herman Melville's Moby-Dick. */
export const MOBY_HTML = `<!DOCTYPE html>
<html>
  <head>
  </head>
  <body>
      <h1>Herman Melville - Moby-Dick</h1>

      <div>
        <p>
          Availing himself of the mild, summer-cool weather that now reigned in these latitudes, and in preparation for the peculiarly active pursuits shortly to be anticipated, Perth, the begrimed, blistered old blacksmith, had not removed his portable forge to the hold again, after concluding his contributory work for Ahab's leg, but still retained it on deck, fast lashed to ringbolts by the foremast; being now almost incessantly invoked by the headsmen, and harpooneers, and bowsmen to do some little job for them; altering, or repairing, or new shaping their various weapons and boat furniture. Often he would be surrounded by an eager circle, all waiting to be served; holding boat-spades, pike-heads, harpoons, and lances, and jealously watching his every sooty movement, as he toiled. Nevertheless, this old man's was a patient hammer wielded by a patient arm. No murmur, no impatience, no petulance did come from him. Silent, slow, and solemn; bowing over still further his chronically broken back, he toiled away, as if toil were life itself, and the heavy beating of his hammer the heavy beating of his heart. And so it was.—Most miserable! A peculiar walk in this old man, a certain slight but painful appearing yawing in his gait, had at an early period of the voyage excited the curiosity of the mariners. And to the importunity of their persisted questionings he had finally given in; and so it came to pass that every one now knew the shameful story of his wretched fate. Belated, and not innocently, one bitter winter's midnight, on the road running between two country towns, the blacksmith half-stupidly felt the deadly numbness stealing over him, and sought refuge in a leaning, dilapidated barn. The issue was, the loss of the extremities of both feet. Out of this revelation, part by part, at last came out the four acts of the gladness, and the one long, and as yet uncatastrophied fifth act of the grief of his life's drama. He was an old man, who, at the age of nearly sixty, had postponedly encountered that thing in sorrow's technicals called ruin. He had been an artisan of famed excellence, and with plenty to do; owned a house and garden; embraced a youthful, daughter-like, loving wife, and three blithe, ruddy children; every Sunday went to a cheerful-looking church, planted in a grove. But one night, under cover of darkness, and further concealed in a most cunning disguisement, a desperate burglar slid into his happy home, and robbed them all of everything. And darker yet to tell, the blacksmith himself did ignorantly conduct this burglar into his family's heart. It was the Bottle Conjuror! Upon the opening of that fatal cork, forth flew the fiend, and shrivelled up his home. Now, for prudent, most wise, and economic reasons, the blacksmith's shop was in the basement of his dwelling, but with a separate entrance to it; so that always had the young and loving healthy wife listened with no unhappy nervousness, but with vigorous pleasure, to the stout ringing of her young-armed old husband's hammer; whose reverberations, muffled by passing through the floors and walls, came up to her, not unsweetly, in her nursery; and so, to stout Labor's iron lullaby, the blacksmith's infants were rocked to slumber. Oh, woe on woe! Oh, Death, why canst thou not sometimes be timely? Hadst thou taken this old blacksmith to thyself ere his full ruin came upon him, then had the young widow had a delicious grief, and her orphans a truly venerable, legendary sire to dream of in their after years; and all of them a care-killing competency.
        </p>
      </div>
  </body>
</html>`;

/** /xml: httpbin's sample slideshow document. */
export const SAMPLE_XML = `<?xml version='1.0' encoding='us-ascii'?>

<!--  A SAMPLE set of slides  -->

<slideshow 
    title="Sample Slide Show"
    date="Date of publication"
    author="Yours Truly"
    >

    <!-- TITLE SLIDE -->
    <slide type="all">
      <title>Wake up to WonderWidgets!</title>
    </slide>

    <!-- OVERVIEW -->
    <slide type="all">
        <title>Overview</title>
        <item>Why <em>WonderWidgets</em> are great</item>
        <item/>
        <item>Who <em>buys</em> WonderWidgets</item>
    </slide>

</slideshow>`;

/** /json: the slideshow of current httpbin's /json route. */
export const SAMPLE_JSON: JsonValue = {
  slideshow: {
    author: 'Yours Truly',
    date: 'date of publication',
    slides: [
      { title: 'Wake up to WonderWidgets!', type: 'all' },
      { items: ['Why <em>WonderWidgets</em> are great', 'Who <em>buys</em> WonderWidgets'], title: 'Overview', type: 'all' },
    ],
    title: 'Sample Slide Show',
  },
};

/** /robots.txt. */
export const ROBOTS_TXT = 'User-agent: *\nDisallow: /deny\n';

/** /deny: what a robot that ignored robots.txt gets. */
export const ANGRY_ASCII = `
          .-''''''-.
        .' _      _ '.
       /   O      O   \\
      :                :
      |                |
      :       __       :
       \\  .-"\`  \`"-.  /
        '.          .'
          '-......-'
     YOU SHOULDN'T BE HERE
`;

/** /forms/post: a small HTML form that posts to /post. */
export const FORMS_POST_HTML = `<!DOCTYPE html>
<html>
  <head>
  </head>
  <body>
    <form method="post" action="/post">
      <p><label>First name: <input type="text" name="firstname"></label></p>
      <p><label>Last name: <input type="text" name="lastname"></label></p>
      <input type="submit" value="submit">
    </form>
  </body>
</html>`;

/** /encoding/utf8: an HTML page of UTF-8 text in many scripts (current httpbin serves such a demo). */
export const UTF8_DEMO_HTML = `<!DOCTYPE html>
<html>
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
  <title>UTF-8 demo</title>
</head>
<body>
<h1>Unicode Demo</h1>
<pre>
UTF-8 encoded sample plain-text file
‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾

Mathematics:   ∮ E⋅da = Q,  n → ∞, ∑ f(i) = ∏ g(i), ∀x∈ℝ: ⌈x⌉ = −⌊−x⌋, α ∧ ¬β = ¬(¬α ∨ β)
Linguistics:   ði ıntəˈnæʃənəl fəˈnɛtık əsoʊsiˈeıʃn
APL:           ((V⍳V)=⍳⍴V)/V←,V    ⌷←⍳→⍴∆∇⊃‾⍎⍕⌈
Greek:         Σὲ γνωρίζω ἀπὸ τὴν κόψη τοῦ σπαθιοῦ τὴν τρομερή
Russian:       Зарегистрируйтесь сейчас на Десятую Международную Конференцию
Georgian:      გთხოვთ ახლავე გაიაროთ რეგისტრაცია Unicode-ის მეათე საერთაშორისო
Thai:          ๏ แผ่นดินฮั่นเสื่อมโทรมแสนสังเวช
Amharic:       ሰማይ አይታረስ ንጉሥ አይከሰስ።
Runes:         ᚻᛖ ᚳᚹᚫᚦ ᚦᚫᛏ ᚻᛖ ᛒᚢᛞᛖ ᚩᚾ ᚦᚫᛗ ᛚᚪᚾᛞᛖ ᚾᚩᚱᚦᚹᛖᚪᚱᛞᚢᛗ ᚹᛁᚦ ᚦᚪ ᚹᛖᛥᚫ
Braille:       ⡌⠁⠧⠑ ⠼⠁⠒  ⡍⠜⠇⠑⠹⠰⠎ ⡣⠕⠌
Japanese:      いろはにほへとちりぬるを
Chinese:       我能吞下玻璃而不伤身体。
Emoji:         😀 🚀 🐳
Box drawing:   ╔══╦══╗  ┌──┬──┐
               ║  ║  ║  │  │  │
               ╚══╩══╝  └──┴──┘
</pre>
</body>
</html>
`;

/** The landing page at /. */
export const INDEX_HTML = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>httpkit httpbin</title></head>
<body>
<h1>httpkit/testing</h1>
<p>An httpbin-compatible HTTP request &amp; response service for tests, built on node:http.</p>
<ul>
<li><a href="/get">/get</a> <a href="/headers">/headers</a> <a href="/ip">/ip</a> <a href="/user-agent">/user-agent</a> <a href="/uuid">/uuid</a></li>
<li>/post /put /patch /delete /anything — echo args, form, files, json, data</li>
<li><a href="/status/418">/status/:codes</a> <a href="/response-headers?freeform=hi">/response-headers</a></li>
<li><a href="/redirect/3">/redirect/:n</a> /relative-redirect/:n /absolute-redirect/:n /redirect-to?url=</li>
<li><a href="/cookies">/cookies</a> /cookies/set?name=value /cookies/delete?name</li>
<li>/basic-auth/:user/:passwd /hidden-basic-auth/:user/:passwd /bearer /digest-auth/:qop/:user/:passwd</li>
<li><a href="/gzip">/gzip</a> <a href="/deflate">/deflate</a> <a href="/brotli">/brotli</a> <a href="/encoding/utf8">/encoding/utf8</a></li>
<li>/bytes/:n /stream-bytes/:n /stream/:n /range/:n /drip /delay/:n /base64/:value /links/:n/:offset</li>
<li>/cache /cache/:n /etag/:etag /html /json /xml /robots.txt /deny /image /forms/post</li>
</ul>
</body>
</html>
`;
